/**
 * Gallring: the förbund's retention policies, a preview of what one would remove, and a run that does
 * exactly that, each run on record (rules in ../domain/gallring.ts).
 */
import { randomUUID } from 'node:crypto';
import { lockForUpdate } from '@finsam/kit/conflicts.js';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { todayInSweden } from '@finsam/kit/dates.js';
import { badArgument, NotFoundError } from '@finsam/kit/errors.js';
import { tenantOf } from '@finsam/kit/scopes.js';
import { tenantSql } from '@finsam/kit/tenant.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { checkPolicy, gallringCutoff, isDue, REMOVED_BY_GALLRING, type RecordType } from '../domain/gallring.js';
import { orRefuse } from '../domain/verdict.js';
import { Participation } from '../entities/Participation.js';
import { Person } from '../entities/Person.js';
import { RecordsEvent } from '../entities/RecordsEvent.js';
import { RetentionPolicy } from '../entities/RetentionPolicy.js';
import { Screening } from '../entities/Screening.js';
import { builder } from './builder.js';

const RecordTypeEnum = builder.enumType('RetentionRecordType', {
  description: 'A kind of record a retention policy (gallringsbeslut) covers.',
  values: {
    PARTICIPATION: {
      description:
        'Participations that ended (exit or rejected referral): a run anonymises them — person, birth year, ' +
        'years on support, handlingsplan, decision reason and screenings go; the coded facts every figure counts stay.',
    },
    SCREENING: { description: 'Screenings (violence questions, KASAM, SRS, ORS) of participations that ended.' },
  } satisfies Record<RecordType, { description: string }>,
});

const RetentionPolicyRef = builder.objectRef<RetentionPolicy>('RetentionPolicy').implement({
  description: 'A retention policy (gallringsbeslut) the förbund decided for one kind of record.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The policy’s id.' }),
    recordType: t.field({ type: RecordTypeEnum, description: 'What it covers.', resolve: (r) => r.recordType }),
    retentionYears: t.exposeInt('retentionYears', {
      description: 'Whole calendar years kept after the year the participation ended.',
    }),
    decisionReference: t.exposeString('decisionReference', {
      description: 'The decision that set it, e.g. "Styrelsen § 12/2026".',
    }),
    decidedOn: t.field({ type: 'Date', description: 'The day it was decided.', resolve: (r) => r.decidedOn }),
  }),
});

const RetentionPolicyInput = builder.inputType('RetentionPolicyInput', {
  description: 'A retention policy as decided; replaces the förbund’s policy for that record type.',
  fields: (t) => ({
    recordType: t.field({ type: RecordTypeEnum, required: true, description: 'What it covers.' }),
    retentionYears: t.int({
      required: true,
      description: 'Whole calendar years kept after the year the participation ended, 1–100.',
    }),
    decisionReference: t.string({ required: true, description: 'The decision that set it (one line).' }),
    decidedOn: t.field({ type: 'Date', required: true, description: 'The day it was decided; not in the future.' }),
  }),
});

/** What a policy makes due now: the participations, their screenings and the persons left with nothing. */
interface Due {
  policy: RetentionPolicy;
  cutoff: string;
  participationIds: string[];
  screeningIds: string[];
  personIds: string[];
}

const NO_POLICY = (recordType: RecordType) => `Your förbund has decided no retention policy for ${recordType}`;

/** The förbund's policy for `recordType`; locked until the transaction ends for a run. */
async function policyFor(em: EntityManager, recordType: RecordType, lock = false): Promise<RetentionPolicy | null> {
  return lock ? lockForUpdate(em, RetentionPolicy, { recordType }) : em.findOne(RetentionPolicy, { recordType });
}

/** The preview and the run ask this one function, so a run removes what its preview showed. */
async function due(em: EntityManager, policy: RetentionPolicy, today: string): Promise<Due> {
  const cutoff = gallringCutoff(policy.retentionYears, today);
  const candidates = await em.find(
    Participation,
    {
      culledOn: null,
      $or: [
        { status: 'EXITED', exitedOn: { $lt: cutoff } },
        { status: 'REJECTED', decidedOn: { $lt: cutoff } },
      ],
    },
    { fields: ['id', 'status', 'exitedOn', 'decidedOn', 'culledOn', 'person'], orderBy: { id: 'asc' } },
  );
  const participations = candidates.filter((p) => isDue(p, cutoff));
  const participationIds = participations.map((p) => p.id);
  const screenings = participationIds.length
    ? await em.find(Screening, { participation: { $in: participationIds } }, { fields: ['id'], orderBy: { id: 'asc' } })
    : [];
  let personIds: string[] = [];
  if (policy.recordType === 'PARTICIPATION') {
    // A person goes when every participation resting on them is anonymised by this run.
    const persons = [...new Set(participations.flatMap((p) => (p.person ? [p.person.id] : [])))];
    const kept = persons.length
      ? await em.find(
          Participation,
          { person: { $in: persons }, id: { $nin: participationIds } },
          { fields: ['id', 'person'] },
        )
      : [];
    const stays = new Set(kept.flatMap((p) => (p.person ? [p.person.id] : [])));
    personIds = persons.filter((id) => !stays.has(id)).sort();
  }
  return {
    policy,
    cutoff,
    participationIds: policy.recordType === 'PARTICIPATION' ? participationIds : [],
    screeningIds: screenings.map((s) => s.id),
    personIds,
  };
}

const GallringPreviewRef = builder.objectRef<Due>('GallringPreview').implement({
  description: 'What a run of a retention policy would remove now; `runGallring` removes exactly this.',
  fields: (t) => ({
    policy: t.field({ type: RetentionPolicyRef, description: 'The policy.', resolve: (d) => d.policy }),
    cutoff: t.field({
      type: 'Date',
      description: 'Participations that ended before this day are due.',
      resolve: (d) => d.cutoff,
    }),
    participationIds: t.idList({
      description: 'The participations that would be anonymised (PARTICIPATION only).',
      resolve: (d) => d.participationIds,
    }),
    screeningIds: t.idList({ description: 'The screenings that would be removed.', resolve: (d) => d.screeningIds }),
    personIds: t.idList({
      description: 'The person records (personnummer, name) that would be removed.',
      resolve: (d) => d.personIds,
    }),
  }),
});

interface RunView {
  id: string;
  at: Date;
  userId: string;
  details: {
    recordType: RecordType;
    decisionReference: string;
    decidedOn: string;
    retentionYears: number;
    cutoff: string;
    participationIds: string[];
    screeningIds: string[];
    personIds: string[];
  };
}

const GallringRunRef = builder.objectRef<RunView>('GallringRun').implement({
  description: 'One gallring run, as its tamper-evident record keeps it: who, when, under which policy, what went.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The run’s record.' }),
    at: t.field({ type: 'DateTime', description: 'When it ran.', resolve: (r) => r.at }),
    userId: t.exposeID('userId', { description: 'Who ran it.' }),
    recordType: t.field({
      type: RecordTypeEnum,
      description: 'What it covered.',
      resolve: (r) => r.details.recordType,
    }),
    decisionReference: t.string({
      description: 'The decision of the policy it carried out.',
      resolve: (r) => r.details.decisionReference,
    }),
    decidedOn: t.field({
      type: 'Date',
      description: 'The day that decision was taken.',
      resolve: (r) => r.details.decidedOn,
    }),
    retentionYears: t.int({ description: 'The policy’s retention then.', resolve: (r) => r.details.retentionYears }),
    cutoff: t.field({
      type: 'Date',
      description: 'What ended before this day went.',
      resolve: (r) => r.details.cutoff,
    }),
    participations: t.int({
      description: 'Participations anonymised.',
      resolve: (r) => r.details.participationIds.length,
    }),
    screenings: t.int({ description: 'Screenings removed.', resolve: (r) => r.details.screeningIds.length }),
    persons: t.int({ description: 'Person records removed.', resolve: (r) => r.details.personIds.length }),
    participationIds: t.idList({
      description: 'The participations anonymised (their ids stay, nothing about the person).',
      resolve: (r) => r.details.participationIds,
    }),
  }),
});

/** Writes a record of a register extract or a gallring run (the database stamps who and when). */
export async function recordEvent(
  ctx: Pick<SubgraphContext, 'requestId'> & { em: EntityManager },
  kind: RecordsEvent['kind'],
  details: Record<string, unknown>,
  { reason = null, personHash = null }: { reason?: string | null; personHash?: string | null } = {},
): Promise<string> {
  const { bind, build } = tenantSql(ctx.em);
  const { sql, params } = build(
    `select "record_records_event"(${bind(kind)}, ${bind(reason)}, ${bind(personHash)}, ` +
      `${bind(JSON.stringify(details))}::jsonb, ${bind(ctx.requestId)}) as "id"`,
  );
  const [row] = await ctx.em.execute<{ id: string }[]>(sql, params);
  if (!row) {
    throw new Error('record_records_event returned nothing');
  }
  return row.id;
}

builder.queryFields((t) => ({
  retentionPolicies: t.field({
    type: [RetentionPolicyRef],
    description: 'The retention policies (gallringsbeslut) your förbund decided. Förbund administrators only.',
    authScopes: { tenantAdmin: true },
    resolve: (_r, _a, ctx) => ctx.em.find(RetentionPolicy, {}, { orderBy: { recordType: 'asc' } }),
  }),
  gallringPreview: t.field({
    type: GallringPreviewRef,
    description:
      'What a run of the policy for `recordType` would remove today. Förbund administrators only; ' +
      'BAD_USER_INPUT when no policy is decided.',
    authScopes: { tenantAdmin: true },
    args: { recordType: t.arg({ type: RecordTypeEnum, required: true, description: 'The policy’s record type.' }) },
    resolve: async (_r, { recordType }, ctx) => {
      const policy = await policyFor(ctx.em, recordType);
      if (!policy) {
        throw badArgument('recordType', NO_POLICY(recordType));
      }
      return due(ctx.em, policy, todayInSweden());
    },
  }),
  gallringRuns: t.field({
    type: [GallringRunRef],
    description: 'Every gallring run in your förbund, newest first. Förbund administrators only.',
    authScopes: { tenantAdmin: true },
    resolve: async (_r, _a, ctx) =>
      (await ctx.em.find(RecordsEvent, { kind: 'GALLRING_RUN' }, { orderBy: { at: 'desc', id: 'desc' } })).map(
        (e) => e as unknown as RunView,
      ),
  }),
}));

builder.mutationFields((t) => ({
  setRetentionPolicy: t.field({
    type: RetentionPolicyRef,
    description: 'Records a retention policy the förbund decided, replacing the one for that record type.',
    authScopes: { tenantAdmin: true },
    args: { input: t.arg({ type: RetentionPolicyInput, required: true, description: 'The policy as decided.' }) },
    errors: {},
    resolve: (_r, { input }, ctx) => {
      const draft = orRefuse(checkPolicy(input, todayInSweden()));
      return ctx.em.transactional(async (tx) => {
        // Two settings at once: one replaces the other (an upsert on the record type).
        return tx.upsert(
          RetentionPolicy,
          { id: randomUUID(), tenantId: tenantOf(ctx), ...draft },
          {
            onConflictFields: ['tenantId', 'recordType'],
            onConflictMergeFields: ['retentionYears', 'decisionReference', 'decidedOn', 'updatedAt'],
          },
        );
      });
    },
  }),
  runGallring: t.field({
    type: GallringRunRef,
    description:
      'Carries out the policy for `recordType`: removes or anonymises exactly what `gallringPreview` shows, in ' +
      'one transaction, and records the run. Year figures and statistics of closed years stay as they were.',
    authScopes: { tenantAdmin: true },
    args: { recordType: t.arg({ type: RecordTypeEnum, required: true, description: 'The policy’s record type.' }) },
    errors: {},
    resolve: (_r, { recordType }, ctx) =>
      ctx.em.transactional(async (tx) => {
        // Runs of one policy queue on its row: the second sees what the first left.
        const policy = await policyFor(tx, recordType, true);
        if (!policy) {
          throw new NotFoundError(['recordType'], NO_POLICY(recordType));
        }
        const today = todayInSweden();
        const d = await due(tx, policy, today);
        if (d.screeningIds.length) {
          await tx.nativeDelete(Screening, { id: { $in: d.screeningIds } });
        }
        if (d.participationIds.length) {
          await tx.nativeUpdate(
            Participation,
            { id: { $in: d.participationIds } },
            { ...REMOVED_BY_GALLRING, culledOn: today },
          );
        }
        if (d.personIds.length) {
          await tx.nativeDelete(Person, { id: { $in: d.personIds } });
        }
        const details: RunView['details'] = {
          recordType,
          decisionReference: policy.decisionReference,
          decidedOn: policy.decidedOn,
          retentionYears: policy.retentionYears,
          cutoff: d.cutoff,
          participationIds: d.participationIds,
          screeningIds: d.screeningIds,
          personIds: d.personIds,
        };
        const id = await recordEvent({ ...ctx, em: tx }, 'GALLRING_RUN', details);
        const event = await tx.findOneOrFail(RecordsEvent, { id });
        return event as unknown as RunView;
      }),
  }),
}));
