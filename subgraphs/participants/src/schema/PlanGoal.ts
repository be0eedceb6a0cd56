/**
 * A verksamhetsplan goal (governance owns it) followed up from records: participants adds the computed
 * outcome for the goal's year and measure, which the gateway fetches from governance first (`@requires`).
 * The förbund is the caller's: a goal is read through the caller's own förbund only.
 */
import type { SubgraphContext } from '@finsam/kit/context.js';
import { pgArray } from '@finsam/kit/database.js';
import { tenantSql } from '@finsam/kit/tenant.js';
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { DISCLOSURE_THRESHOLD } from '../domain/disclosure.js';
import {
  type ExitRecord,
  PLAN_OUTCOME_MEASURES,
  type PlanOutcome,
  type PlanOutcomeMeasure,
  planOutcome,
} from '../domain/plan-outcomes.js';
import { builder } from './builder.js';
import { DisclosedAverage } from './Disclosed.js';

/** The same enum as governance's (the values and descriptions must agree for composition). */
const PlanOutcomeMeasureEnum = builder.enumType('PlanOutcomeMeasure', {
  description: 'An outcome the platform computes from participants’ records, to follow up a verksamhetsplan goal.',
  values: {
    STEP_FORWARD_SHARE: {
      description: 'Share of the year’s exits with a stegförflyttning (a step towards work or studies).',
    },
    SAME_OR_HIGHER_6_MONTHS: {
      description: 'Of the year’s exits followed up after 6 months: share at the same level or higher.',
    },
    SAME_OR_HIGHER_18_MONTHS: {
      description: 'Of the year’s exits followed up after 18 months: share at the same level or higher.',
    },
  } as const satisfies Record<PlanOutcomeMeasure, { description: string }>,
});

/** The caller's förbund's exits of each year asked, for every goal of a request in one statement. */
const exitsOfYear = createContextCache(
  (ctx: SubgraphContext) =>
    new DataLoader<number, ExitRecord[]>(async (years) => {
      const { bind, build, tenant } = tenantSql(ctx.em);
      const { sql, params } = build(`select extract(year from p."exited_on")::int as year, p."outcomes",
          p."level_6_months", p."level_18_months"
        from "participation" p
        where ${tenant('p')} and p."status" = 'EXITED'
          and extract(year from p."exited_on")::int = any(${bind(pgArray(years.map(String)))}::int[])`);
      const rows = await ctx.em.execute<
        {
          year: number;
          outcomes: string[];
          level_6_months: ExitRecord['level6Months'];
          level_18_months: ExitRecord['level18Months'];
        }[]
      >(sql, params);
      return years.map((y) =>
        rows
          .filter((r) => r.year === y)
          .map((r) => ({ outcomes: r.outcomes, level6Months: r.level_6_months, level18Months: r.level_18_months })),
      );
    }),
);

const PlanOutcomeRef = builder.objectRef<PlanOutcome>('PlanOutcome').implement({
  description: 'A goal’s outcome computed from the records of its year, under the disclosure policy.',
  fields: (t) => ({
    share: t.field({
      type: DisclosedAverage,
      description: 'The share (0–1) the measure gives for the year; suppressed when fewer than the minimum n count.',
      resolve: (o) => o.share,
    }),
    met: t.exposeBoolean('met', {
      nullable: true,
      description: 'Whether the share reaches the goal’s target; null when suppressed or nobody is counted yet.',
    }),
  }),
});

type GoalFacts = {
  id: string;
  year?: number;
  outcomeMeasure?: PlanOutcomeMeasure | null;
  targetPercent?: number | null;
};

builder.externalRef('PlanGoal', builder.selection<{ id: string }>('id')).implement({
  externalFields: (t) => ({
    id: t.id(),
    year: t.int({ nullable: false }),
    outcomeMeasure: t.field({ type: PlanOutcomeMeasureEnum, nullable: true }),
    targetPercent: t.int({ nullable: true }),
  }),
  fields: (t) => ({
    outcome: t.field({
      type: PlanOutcomeRef,
      nullable: true,
      description:
        'For a goal with an `outcomeMeasure`: the outcome computed from the förbund’s records of the year (the ' +
        'year’s exits); null for other lines. The förbund’s administrators and board.',
      authScopes: { reportReader: true },
      requires: builder.selection<Omit<GoalFacts, 'id'>>('year outcomeMeasure targetPercent'),
      resolve: async (g, _a, ctx) => {
        if (!g.outcomeMeasure || g.year == null || !PLAN_OUTCOME_MEASURES.includes(g.outcomeMeasure)) {
          return null;
        }
        const exits = await exitsOfYear(ctx).load(g.year);
        return planOutcome(exits, g.outcomeMeasure, g.targetPercent ?? null, DISCLOSURE_THRESHOLD);
      },
    }),
  }),
});
