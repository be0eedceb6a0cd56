/**
 * Rättelse of a participation's events (`correctParticipation`) and its history (`Participation.corrections`):
 * who corrected what, when and why, each field's old and new value. Rules in ../domain/correction.ts; the
 * half-year ledger follows the corrected row (its triggers subtract the old and add the new), so every
 * report counts the corrected values.
 */
import { randomUUID } from 'node:crypto';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { pgArray } from '@finsam/kit/database.js';
import { todayInSweden } from '@finsam/kit/dates.js';
import { ownMembers } from '@finsam/kit/directory.js';
import { intBounds } from '@finsam/kit/input.js';
import { tenantSql } from '@finsam/kit/tenant.js';
import { parseInput, withoutNulls } from '@finsam/kit/validation.js';
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { type Change, type Corrections, correct } from '../domain/correction.js';
import { orRefuse } from '../domain/verdict.js';
import { builder } from './builder.js';
import { backgroundSchema } from './Enrolment.js';
import { insatsPeriod } from './Intervention.js';
import {
  EducationEnum,
  OutcomeEnum,
  own,
  PARTICIPATION_ID,
  ParticipationRef,
  ReferrerUnitEnum,
  SupportSourceEnum,
} from './Participation.js';
import { referralSchema } from './Referral.js';

interface CorrectionView {
  id: string;
  at: Date;
  user_id: string;
  reason: string;
  changes: Change[];
}

/** A value as the history shows it: a date or code as it is, a list joined by ", ", nothing as null. */
const shown = (value: unknown): string | null =>
  value == null ? null : Array.isArray(value) ? value.join(', ') : String(value);

const CorrectionChangeRef = builder.objectRef<Change>('CorrectionChange').implement({
  description: 'One field a correction changed: the value before and after.',
  fields: (t) => ({
    field: t.string({ description: 'The field, as in `ParticipationCorrectionInput`.', resolve: (c) => c.field }),
    from: t.string({
      nullable: true,
      description: 'The value before (a list joined by ", "); null when there was none.',
      resolve: (c) => shown(c.from),
    }),
    to: t.string({
      nullable: true,
      description: 'The corrected value (a list joined by ", "); null when removed.',
      resolve: (c) => shown(c.to),
    }),
  }),
});

const ParticipationCorrectionRef = builder.objectRef<CorrectionView>('ParticipationCorrection').implement({
  description: 'A rättelse of a participation: who, when, why, and each field from old to new.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The correction’s id.' }),
    at: t.field({ type: 'DateTime', description: 'When it was made (the database’s clock).', resolve: (c) => c.at }),
    userId: t.string({ description: 'Who made it (the platform user id).', resolve: (c) => c.user_id }),
    reason: t.exposeString('reason', { description: 'Why, as its maker gave it.' }),
    changes: t.field({ type: [CorrectionChangeRef], description: 'What changed.', resolve: (c) => c.changes }),
  }),
});

/** The corrections of every participation a request asks about, in one statement. */
const correctionsOf = createContextCache(
  (ctx: SubgraphContext) =>
    new DataLoader<string, CorrectionView[]>(
      async (ids) => {
        const { bind, build, tenant } = tenantSql(ctx.em);
        const { sql, params } = build(`select c."id", c."participation_id", c."at", c."user_id", c."reason", c."changes"
          from "participation_correction" c
          where ${tenant('c')} and c."participation_id" = any(${bind(pgArray(ids))}::uuid[])
          order by c."at", c."id"`);
        const rows = await ctx.em.execute<(CorrectionView & { participation_id: string })[]>(sql, params);
        return ids.map((id) =>
          rows.filter((r) => r.participation_id === id).map((r) => ({ ...r, at: new Date(r.at) })),
        );
      },
      { cache: false },
    ),
);

builder.objectFields(ParticipationRef, (t) => ({
  corrections: t.field({
    type: [ParticipationCorrectionRef],
    description: 'Rättelser of this participation, oldest first: the original values are kept here.',
    resolve: (p, _a, ctx) => correctionsOf(ctx).load(p.id),
  }),
}));

const CorrectionInput = builder.inputType('ParticipationCorrectionInput', {
  description:
    'The corrected values; a field left out stays as it is. Each field is corrected once the participation has ' +
    'it (the exit’s fields once exited, the enrolment’s once enrolled), and the result passes the rules of every ' +
    'step the participation has taken.',
  fields: (t) => ({
    referredOn: t.field({ type: 'Date', description: 'The day of the referral.' }),
    referrerUnit: t.field({ type: ReferrerUnitEnum, description: 'Who referred.' }),
    referringMemberId: t.id({ description: 'The member (part) that referred.' }),
    hemkommun: t.string({ description: 'SCB kommun code; with consent only.' }),
    decidedOn: t.field({ type: 'Date', description: 'The day of the decision.' }),
    enrolledOn: t.field({ type: 'Date', description: 'The day of inskrivning.' }),
    educationLevel: t.field({ type: EducationEnum, description: 'Highest education at entry; with consent only.' }),
    supportBefore: t.field({
      type: [SupportSourceEnum],
      description: 'What the person lived on before entry; with consent only.',
    }),
    yearsInSupport: t.int({
      description: 'Years on public support before entry, 0–60; with consent only.',
      extensions: intBounds(0, 60),
    }),
    exitedOn: t.field({ type: 'Date', description: 'The day of avslut.' }),
    outcomes: t.field({ type: [OutcomeEnum], description: 'Why it ended: at least one.' }),
    supportAfter: t.field({
      type: [SupportSourceEnum],
      description: 'What the person lives on after exit; with consent only.',
    }),
  }),
});

const correctionForm = referralSchema
  .pick({ referringMemberId: true, hemkommun: true })
  .extend(backgroundSchema.partial().shape);

builder.mutationField('correctParticipation', (t) =>
  t.field({
    type: ParticipationRef,
    description:
      'Rättelse: corrects dates, outcomes, background or referrer of a participation, with a reason; the old ' +
      'values stay in `corrections`, and reports count the new ones. The insats’ staff.',
    authScopes: { staff: true },
    args: {
      participationId: t.arg.id({ required: true, description: PARTICIPATION_ID }),
      reason: t.arg.string({ required: true, description: 'Why the record is corrected (required).' }),
      changes: t.arg({ type: CorrectionInput, required: true, description: 'The corrected values.' }),
    },
    errors: {},
    resolve: async (_r, args, ctx) => {
      const id = String(args.participationId);
      const changes = withoutNulls(args.changes) as Corrections;
      parseInput(correctionForm, changes, ['changes']);
      // Teams and governance are asked before the transaction, not while it holds the row.
      const { interventionId } = await own(ctx, id, { lock: false });
      const insats = await insatsPeriod(ctx, interventionId);
      const members = changes.referringMemberId ? await ownMembers(ctx) : [];
      return ctx.em.transactional(async (tx) => {
        const p = await own({ ...ctx, em: tx }, id);
        const followUpDates = (await p.followUps.load()).getItems().map((f) => f.date);
        const { set, changes: changed } = orRefuse(
          correct(p, changes, args.reason, { insats, members, followUpDates, today: todayInSweden() }),
        );
        Object.assign(p, set);
        const { bind, build } = tenantSql(tx);
        // The database stamps when and who (the transaction's acting user), as for the audit log.
        const { sql, params } = build(`insert into "participation_correction"
            ("id", "tenant_id", "participation_id", "reason", "changes")
          values (${bind(randomUUID())}, ${bind(p.tenantId)}, ${bind(p.id)}, ${bind(args.reason.trim())},
            ${bind(JSON.stringify(changed))}::jsonb)`);
        await tx.execute(sql, params);
        return p;
      });
    },
  }),
);
