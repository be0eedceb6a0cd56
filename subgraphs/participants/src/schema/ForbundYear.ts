/**
 * Participants' part of a förbund's year (Årsrapport): new and total per hemkommun beside the
 * previous year, and per insats new by referrer and kön, exits by outcome, average age at entry
 * and the share with a step forward. Read from the half-year ledger PostgreSQL keeps up to date
 * (two statements per period asked, for every förbund at once), never by loading rows; only the
 * förbund's own administrators and board see these unsuppressed figures — the county gets them
 * through `countyReport`, with disclosure control.
 */

import type { SubgraphContext } from '@finsam/kit/context.js';
import { pgArray } from '@finsam/kit/database.js';
import { type ForbundYearKey, forbundYearEntity, periodBounds, type ReportPeriod } from '@finsam/kit/forbund-year.js';
import { tenantSql } from '@finsam/kit/tenant.js';
import type { EntityManager } from '@mikro-orm/core';
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import {
  countsBy,
  type HemkommunRow,
  type InterventionRow,
  type ParticipantYear,
  share,
  yearAverageAge,
  yearSum,
} from '../domain/figures.js';
import { builder } from './builder.js';
import { InterventionRef } from './Intervention.js';
import { Count } from './Statistics.js';

// Read from the ledger the triggers keep (migration ParticipationLedger): a few rows per insats
// and half-year, however many participations. Periods are whole half-years, so for [from, to]:
// "new" = enrolled in it; "total" (the Årsrapport's "totalt": enrolled at some time in it) =
// enrolled by its end − exited before its start; "exited" = exited in it.
interface Span {
  from: string;
  to: string;
}
const NEW = ({ from, to }: Span) => `coalesce(sum("new") filter (where "half_year" between ${from} and ${to}), 0)::int`;
const EXITED = ({ from, to }: Span) =>
  `coalesce(sum("exited") filter (where "half_year" between ${from} and ${to}), 0)::int`;
const ACTIVE = ({ from, to }: Span) =>
  `(coalesce(sum("new") filter (where "half_year" <= ${to}), 0)
    - coalesce(sum("exited") filter (where "half_year" < ${from}), 0))::int`;

/**
 * The two statements for one period, each for every förbund asked (`tenants`): per hemkommun, and
 * per insats. The förbund are visibility-checked already; the tenant condition holds besides.
 */
function ledgerStatements(em: EntityManager, tenants: string[], year: number, period: ReportPeriod) {
  const { bind, build, tenant } = tenantSql(em);
  const dates = ({ from, to }: Span): Span => ({ from: `${bind(from)}::date`, to: `${bind(to)}::date` });
  const y = dates(periodBounds(year, period));
  // The same months of the year before, for the comparison column.
  const p = dates(periodBounds(year - 1, period));
  const ledger = (dims: string) => `from "participation_half_year" l
    where ${tenant('l')} and l."tenant_id" = any(${bind(pgArray(tenants))}::uuid[])
      and l."half_year" <= ${y.to} and l."dim" in (${dims})`;
  const inPeriod = (column: string) => `coalesce(sum("${column}") filter (where "half_year" >= ${y.from}), 0)::int`;
  // One aggregation over the grouped ledger, no join: under RLS the planner expects a handful of
  // rows, and a join on its estimate became a nested loop (19 s at national scale).
  const all = (column: string) => `max(g.${column}) filter (where g."dim" = 'ALL')`;
  return {
    hemkommuner: build(`
select "tenant_id", "key" as scb_code,
  ${NEW(y)} as new, ${ACTIVE(y)} as total,
  ${NEW(p)} as new_previous, ${ACTIVE(p)} as total_previous
${ledger(`'HEMKOMMUN'`)}
group by 1, 2 having ${ACTIVE({ from: p.from, to: y.to })} > 0
order by 1, 2`),
    interventions: build(`
with g as (
  select "tenant_id", "intervention_id", "dim", "key",
    ${NEW(y)} as new, ${ACTIVE(y)} as total, ${EXITED(y)} as exited,
    ${inPeriod('age_n')} as age_n, ${inPeriod('age_sum')} as age_sum, ${inPeriod('step_forward')} as step_forward
  ${ledger(`'ALL', 'KON', 'REFERRER', 'OUTCOME'`)}
    -- Referrers and outcomes are only counted within the period; ALL and KON need the years before for "total".
    and ("dim" in ('ALL', 'KON') or "half_year" >= ${y.from})
  group by 1, 2, 3, 4
)
select g."tenant_id", g."intervention_id",
  ${all('new')} as new, ${all('total')} as total, ${all('exited')} as exited, ${all('age_n')} as age_n,
  round(${all('age_sum')}::numeric / nullif(${all('age_n')}, 0), 1)::float as average_age,
  ${all('step_forward')} as step_forward,
  coalesce(jsonb_agg(jsonb_build_object('dim', b.dim, 'key', g."key", 'n', b.n) order by b.dim, g."key")
    filter (where b.n > 0), '[]') as breakdown
from g cross join lateral (values
  ('REFERRER', case when g."dim" = 'REFERRER' then g.new end),
  ('KON', case when g."dim" = 'KON' then g.new end),
  ('KON_TOTAL', case when g."dim" = 'KON' then g.total end),
  ('OUTCOME', case when g."dim" = 'OUTCOME' then g.exited end)
) as b(dim, n)
group by 1, 2 having ${all('total')} > 0
order by 1, 2`),
  };
}

/**
 * Both tables for every (förbund, year) asked in one request: two statements per year asked,
 * however many förbund (the county view asks for all of them). Keys are already visibility-checked.
 */
export const participantYears = createContextCache(
  (ctx: SubgraphContext) =>
    new DataLoader<ForbundYearKey & { period?: ReportPeriod }, ParticipantYear, string>(
      async (keys) => {
        const periodOf = (k: { year: number; period?: ReportPeriod }) => `${k.year}:${k.period ?? 'YEAR'}`;
        const periods = [...new Set(keys.map(periodOf))];
        const byKey = new Map<string, ParticipantYear>();
        await Promise.all(
          periods.map(async (p) => {
            const [year, period] = [Number(p.split(':')[0]), p.split(':')[1] as ReportPeriod];
            const tenants = [...new Set(keys.filter((k) => periodOf(k) === p).map((k) => k.forbundId))];
            const statements = ledgerStatements(ctx.em, tenants, year, period);
            const [hemkommuner, interventions] = await Promise.all([
              ctx.em.execute<(HemkommunRow & { tenant_id: string })[]>(
                statements.hemkommuner.sql,
                statements.hemkommuner.params,
              ),
              ctx.em.execute<(InterventionRow & { tenant_id: string })[]>(
                statements.interventions.sql,
                statements.interventions.params,
              ),
            ]);
            for (const tenant of tenants) {
              byKey.set(`${tenant}:${p}`, {
                hemkommuner: hemkommuner.filter((r) => r.tenant_id === tenant),
                interventions: interventions.filter((r) => r.tenant_id === tenant),
              });
            }
          }),
        );
        return keys.map((k) => byKey.get(`${k.forbundId}:${periodOf(k)}`)!);
      },
      { cacheKeyFn: (k) => `${k.forbundId}:${k.year}:${k.period ?? 'YEAR'}` },
    ),
);

const HemkommunFigures = builder.objectRef<HemkommunRow>('HemkommunYearFigures').implement({
  description:
    'Deltagare per hemkommun: nya and totalt in the year and the year before (consented participations only).',
  fields: (t) => ({
    scbCode: t.exposeString('scb_code', { description: 'SCB kommunkod.' }),
    new: t.exposeInt('new', { description: 'Nya: enrolled in the year.' }),
    total: t.exposeInt('total', { description: 'Totalt: enrolled at some time in the year.' }),
    newPreviousYear: t.exposeInt('new_previous', { description: 'Nya in the same months of the year before.' }),
    totalPreviousYear: t.exposeInt('total_previous', {
      description: 'Totalt in the same months of the year before.',
    }),
  }),
});

export const InterventionYearFigures = builder.objectRef<InterventionRow>('InterventionParticipantYear').implement({
  description:
    'One insats’ participant figures for the year. A participation with several outcomes counts once in each outcome.',
  fields: (t) => ({
    intervention: t.field({
      type: InterventionRef,
      description: 'The insats.',
      resolve: (r) => ({ id: r.intervention_id }),
    }),
    new: t.exposeInt('new', { description: 'Nya deltagare.' }),
    total: t.exposeInt('total', { description: 'Deltagare totalt (enrolled at some time in the year).' }),
    exited: t.exposeInt('exited', { description: 'Avslutade.' }),
    newByReferrer: t.field({
      type: [Count],
      description: 'Nya per remittent.',
      resolve: (r) => countsBy(r, 'REFERRER'),
    }),
    newByKon: t.field({ type: [Count], description: 'Nya per kön.', resolve: (r) => countsBy(r, 'KON') }),
    totalByKon: t.field({
      type: [Count],
      description: 'Deltagare totalt per kön (Uppföljning Finsam).',
      resolve: (r) => countsBy(r, 'KON_TOTAL'),
    }),
    exitsByOutcome: t.field({
      type: [Count],
      description: 'Avslut per utfall.',
      resolve: (r) => countsBy(r, 'OUTCOME'),
    }),
    averageAgeAtEntry: t.float({
      nullable: true,
      description: 'Medelålder of new participants with consent.',
      resolve: (r) => r.average_age,
    }),
    stepForwardShare: t.float({
      nullable: true,
      description: 'Share of exits with a step towards work or studies.',
      resolve: (r) => share(r.step_forward, r.exited),
    }),
  }),
});

const ParticipantYearRef = builder.objectRef<ParticipantYear>('ParticipantYear').implement({
  description: 'Deltagare in a förbund’s year (Årsrapport); no person in it.',
  fields: (t) => ({
    hemkommuner: t.field({
      type: [HemkommunFigures],
      description:
        'Per hemkommun, with the year before: kommuner with someone enrolled from the start of the comparison ' +
        'period to the end of this one. Consented participations only.',
      resolve: (y) => y.hemkommuner,
    }),
    interventions: t.field({
      type: [InterventionYearFigures],
      description: 'Per insats; insatser with someone enrolled at some time in the period.',
      resolve: (y) => y.interventions,
    }),
    new: t.int({
      description: 'Nya deltagare: enrolled in the period, all insatser.',
      resolve: (y) => yearSum(y, 'new'),
    }),
    total: t.int({
      description: 'Deltagare totalt: enrolled at some time in the period, all insatser.',
      resolve: (y) => yearSum(y, 'total'),
    }),
    averageAgeAtEntry: t.float({
      nullable: true,
      description: 'Medelålder of all new participants with consent.',
      resolve: (y) => {
        const { average } = yearAverageAge(y);
        return average === null ? null : Math.round(average);
      },
    }),
  }),
});

export const { ForbundYearRef, Period } = forbundYearEntity(builder);

builder.objectFields(ForbundYearRef, (t) => ({
  participants: t.field({
    type: ParticipantYearRef,
    description:
      'Deltagare: the förbund’s own administrators and board (the county reads `countyReport`). ' +
      'HALF_YEAR compares with January–June of the year before.',
    authScopes: { reportReader: true },
    args: {
      period: t.arg({
        type: Period,
        defaultValue: 'YEAR',
        required: true,
        description: 'The whole year (Årsrapport) or January–June.',
      }),
    },
    resolve: (k, { period }, ctx) => participantYears(ctx).load({ ...k, period }),
  }),
}));
