/**
 * Förbund mergers (sammanslagning), by the platform administrator: A and B (and more) become C from a
 * date, records carried over or closed as the decision says (../domain/merger.ts). Teams, participants,
 * finance and indicators carry their own records over when governance tells them (service calls listed in
 * kit service-calls.ts); governance then carries styrgrupper, grants and invitations, ends the old seats,
 * grants and invitations, and marks the old förbund merged. Every step
 * writes copies with name-based ids, so after a failure the same mutation finishes what was left.
 */
import { derivedId } from '@finsam/kit/ids.js';
import { forkForTenant } from '@finsam/kit/tenant.js';
import { parseInput } from '@finsam/kit/validation.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { refuse } from '../domain/issues.js';
import {
  carriedGrant,
  carriedSeatTerm,
  endedGrant,
  endedSeat,
  MERGER_MODES,
  type MergerMode,
  memberMapping,
  mergerIssues,
  mergerStart,
  openOn,
  withDefaults,
} from '../domain/merger.js';
import { AccessGrant, type GrantRole } from '../entities/AccessGrant.js';
import { Body } from '../entities/Body.js';
import { BodyMember } from '../entities/BodyMember.js';
import { Forbund } from '../entities/Forbund.js';
import { ForbundMerger } from '../entities/ForbundMerger.js';
import { Invitation } from '../entities/Invitation.js';
import { recordAccessEvent } from './AccessEvent.js';
import { builder } from './builder.js';
import { ForbundRef } from './Forbund.js';

const MergerModeEnum = builder.enumType('MergerMode', {
  description: 'What a merger decision does with one kind of record.',
  values: {
    CARRY_OVER: { description: 'Carried over to the merged förbund from the merger date.' },
    CLOSE: { description: 'Closed with the förbund it belonged to, which keeps it as its history.' },
  } satisfies Record<MergerMode, { description: string }>,
});

const MergeForbundInput = builder.inputType('MergeForbundInput', {
  description: 'A decided merger of förbund (sammanslagning) and what it does with each kind of record.',
  fields: (t) => ({
    forbundIds: t.idList({ required: true, description: 'The förbund that merge (two or more).' }),
    intoId: t.id({ required: true, description: 'The merged förbund, registered first with `createForbund`.' }),
    effectiveOn: t.field({
      type: 'Date',
      required: true,
      description: 'The first day of the merged förbund: 1 January or 1 July.',
    }),
    decisionReference: t.string({ required: true, description: 'The members’ decision to merge (one line).' }),
    interventions: t.field({
      type: MergerModeEnum,
      required: true,
      description: 'Insatser running on the merger date: continue in the merged förbund, or end the day before.',
    }),
    participations: t.field({
      type: MergerModeEnum,
      required: true,
      description: 'Participations open on the merger date: continue in their insats’ copy, or stay as history.',
    }),
    grants: t.field({
      type: MergerModeEnum,
      required: true,
      description:
        'Access in force on the merger date (not styrgrupp seats): given anew in the merged förbund, or not.',
    }),
    budgets: t.field({
      type: MergerModeEnum,
      required: true,
      description: 'The carried insatser’s allocations for the merger year on: continue, or stay as history.',
    }),
    steeringGroups: t.field({
      type: MergerModeEnum,
      description:
        'Styrgrupper of the carried insatser, with the seats held on the merger date and their STYRGRUPP access: ' +
        'continue in the merged förbund, or not. Default: as `interventions`. The old seats end either way.',
    }),
    invitations: t.field({
      type: MergerModeEnum,
      description:
        'Invitations not yet claimed: given anew in the merged förbund (their grants as `grants` says), or not. ' +
        'Default: as `grants`. The old ones expire at the merger date either way.',
    }),
    forbundBudget: t.field({
      type: MergerModeEnum,
      description:
        'The förbund’s budget (medlemsbidrag) for the merger year on: the merged förbund’s is the sum of theirs, ' +
        'undecided until its board decides (a merger from 1 January only), or its own to set. Default: CLOSE.',
    }),
    surveys: t.field({
      type: MergerModeEnum,
      description:
        'Survey rounds taking answers over the merger date: continue in the merged förbund with new codes, or ' +
        'not. They stop taking answers in the old förbund at the merger date either way. Default: CLOSE.',
    }),
  }),
});

const mode = z.enum(MERGER_MODES);
const mergeSchema = z.object({
  forbundIds: z.array(z.uuid('Not a förbund id')).max(20),
  intoId: z.uuid('Not a förbund id'),
  effectiveOn: z.string(),
  decisionReference: z.string().trim().max(200),
  interventions: mode,
  participations: mode,
  grants: mode,
  budgets: mode,
  steeringGroups: mode.nullish(),
  invitations: mode.nullish(),
  forbundBudget: mode.nullish(),
  surveys: mode.nullish(),
});

const ForbundMergerRef = builder.objectRef<ForbundMerger>('ForbundMerger').implement({
  description: 'A merger of förbund as decided and carried out.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The merger’s id.' }),
    into: t.field({
      type: ForbundRef,
      description: 'The merged förbund.',
      resolve: (m, _a, ctx) => ForbundRef.getDataloader(ctx).load(m.tenantId),
    }),
    forbunds: t.field({
      type: [ForbundRef],
      description: 'The förbund that merged.',
      resolve: (m, _a, ctx) => ForbundRef.getDataloader(ctx).loadMany(m.forbundIds) as Promise<Forbund[]>,
    }),
    effectiveOn: t.field({
      type: 'Date',
      description: 'The merged förbund’s first day.',
      resolve: (m) => m.effectiveOn,
    }),
    decisionReference: t.exposeString('decisionReference', { description: 'The decision to merge.' }),
    interventions: t.field({ type: MergerModeEnum, description: 'Insatser.', resolve: (m) => m.options.interventions }),
    participations: t.field({
      type: MergerModeEnum,
      description: 'Participations.',
      resolve: (m) => m.options.participations,
    }),
    grants: t.field({ type: MergerModeEnum, description: 'Access grants.', resolve: (m) => m.options.grants }),
    budgets: t.field({ type: MergerModeEnum, description: 'Allocations.', resolve: (m) => m.options.budgets }),
    steeringGroups: t.field({
      type: MergerModeEnum,
      description: 'Styrgrupper.',
      resolve: (m) => withDefaults(m.options).steeringGroups,
    }),
    invitations: t.field({
      type: MergerModeEnum,
      description: 'Invitations not yet claimed.',
      resolve: (m) => withDefaults(m.options).invitations,
    }),
    forbundBudget: t.field({
      type: MergerModeEnum,
      description: 'The förbund’s budget.',
      resolve: (m) => withDefaults(m.options).forbundBudget,
    }),
    surveys: t.field({
      type: MergerModeEnum,
      description: 'Survey rounds.',
      resolve: (m) => withDefaults(m.options).surveys,
    }),
    interventionsCarried: t.int({ description: 'Insatser carried over.', resolve: (m) => m.carried.interventions }),
    participationsCarried: t.int({
      description: 'Participations carried over.',
      resolve: (m) => m.carried.participations,
    }),
    allocationsCarried: t.int({ description: 'Allocations carried over.', resolve: (m) => m.carried.allocations }),
    grantsCarried: t.int({ description: 'Access grants given anew.', resolve: (m) => m.carried.grants }),
    seatsCarried: t.int({
      description: 'Styrgrupp seats carried over (in the styrgrupper of the carried insatser).',
      resolve: (m) => m.carried.seats ?? 0,
    }),
    invitationsCarried: t.int({
      description: 'Invitations given anew.',
      resolve: (m) => m.carried.invitations ?? 0,
    }),
    budgetsCarried: t.int({
      description: 'Budget years of the merged förbund made from theirs.',
      resolve: (m) => m.carried.budgets ?? 0,
    }),
    surveyRoundsCarried: t.int({
      description: 'Survey rounds carried over.',
      resolve: (m) => m.carried.surveyRounds ?? 0,
    }),
  }),
});

builder.objectFields(ForbundRef, (t) => ({
  mergedInto: t.field({
    type: ForbundRef,
    nullable: true,
    description: 'The förbund this one merged into (sammanslagning); its own reports end the day before `mergedOn`.',
    resolve: (f, _a, ctx) => (f.mergedInto ? ForbundRef.getDataloader(ctx).load(f.mergedInto) : null),
  }),
  mergedOn: t.field({
    type: 'Date',
    nullable: true,
    description: 'The first day of the förbund it merged into.',
    resolve: (f) => f.mergedOn ?? null,
  }),
}));

/** The ids of the copies a merger made before (a repeat after a failure) among those it would make now. */
async function madeBefore(
  tx: EntityManager,
  mergerId: string,
  originals: { bodies: Body[]; seats: BodyMember[]; invitations: Invitation[]; grants: AccessGrant[] },
): Promise<Set<string>> {
  const ids = (records: { id: string }[]) => records.map((r) => derivedId(mergerId, r.id));
  // One transaction's connection: one statement after the other.
  const found = [
    ...(await tx.find(Body, { id: { $in: ids(originals.bodies) } }, { fields: ['id'] })),
    ...(await tx.find(BodyMember, { id: { $in: ids(originals.seats) } }, { fields: ['id'] })),
    ...(await tx.find(Invitation, { id: { $in: ids(originals.invitations) } }, { fields: ['id'] })),
    ...(await tx.find(AccessGrant, { id: { $in: ids(originals.grants) } }, { fields: ['id'] })),
  ];
  return new Set(found.map((r) => r.id));
}

const CARRY = `mutation ($m: ID!, $from: [ID!]!, $into: ID!, $on: Date!, $ids: [ID!]!)`;

builder.mutationField('mergeForbund', (t) =>
  t.field({
    type: ForbundMergerRef,
    description:
      'Merges förbund into a new one from a date, carrying records over or closing them as the decision says ' +
      '(the rules: governance README, "Mergers"). Platform administrators only.',
    authScopes: { platformAdmin: true },
    args: { input: t.arg({ type: MergeForbundInput, required: true, description: 'The merger decision.' }) },
    errors: {},
    resolve: async (_r, { input }, ctx) => {
      const data = withDefaults(parseInput(mergeSchema, input));
      const ids = [...new Set([...data.forbundIds, data.intoId])];
      const forbunds = await ctx.em.find(Forbund, { id: { $in: ids } }, { populate: ['members'] });
      refuse(mergerIssues(data, forbunds));
      const into = forbunds.find((f) => f.id === data.intoId) as Forbund;
      const from = data.forbundIds.map((id) => forbunds.find((f) => f.id === id) as Forbund);
      const members = from.map((f) => memberMapping(f.members.getItems(), into.members.getItems()));
      refuse(members.flatMap((m) => m.issues));
      const memberPairs = members.flatMap((m) => [...m.map]);
      const mergerId = derivedId(data.intoId, `merger:${[...data.forbundIds].sort().join(',')}:${data.effectiveOn}`);
      const common = { m: mergerId, from: data.forbundIds, into: data.intoId, on: data.effectiveOn };

      // Teams first: the insatser carried over are what participations and allocations follow.
      const teams = await ctx.services.query<{ carryOverInterventions: string[] }>(
        'teams',
        `mutation ($m: ID!, $from: [ID!]!, $into: ID!, $on: Date!, $carry: Boolean!, $fm: [ID!]!, $tm: [ID!]!) {
          carryOverInterventions(mergerId: $m, fromIds: $from, intoId: $into, effectiveOn: $on, carryOver: $carry,
            fromMemberIds: $fm, toMemberIds: $tm) }`,
        {
          ...common,
          carry: data.interventions === 'CARRY_OVER',
          fm: memberPairs.map(([a]) => a),
          tm: memberPairs.map(([, b]) => b),
        },
      );
      const carried = teams.carryOverInterventions;
      const participations =
        data.participations === 'CARRY_OVER' && carried.length
          ? (
              await ctx.services.query<{ carryOverParticipations: number }>(
                'participants',
                `${CARRY} { carryOverParticipations(mergerId: $m, fromIds: $from, intoId: $into, effectiveOn: $on,
                  interventionIds: $ids) }`,
                { ...common, ids: carried },
              )
            ).carryOverParticipations
          : 0;
      const allocations =
        data.budgets === 'CARRY_OVER' && carried.length
          ? (
              await ctx.services.query<{ carryOverAllocations: number }>(
                'finance',
                `${CARRY} { carryOverAllocations(mergerId: $m, fromIds: $from, intoId: $into, effectiveOn: $on,
                  interventionIds: $ids) }`,
                { ...common, ids: carried },
              )
            ).carryOverAllocations
          : 0;

      const budgets =
        data.forbundBudget === 'CARRY_OVER'
          ? (
              await ctx.services.query<{ carryOverBudgets: number }>(
                'finance',
                `mutation ($m: ID!, $from: [ID!]!, $into: ID!, $on: Date!, $ids: [ID!]!, $fm: [ID!]!, $tm: [ID!]!) {
                  carryOverBudgets(mergerId: $m, fromIds: $from, intoId: $into, effectiveOn: $on,
                    interventionIds: $ids, fromMemberIds: $fm, toMemberIds: $tm) }`,
                { ...common, ids: carried, fm: memberPairs.map(([a]) => a), tm: memberPairs.map(([, b]) => b) },
              )
            ).carryOverBudgets
          : 0;
      // Survey rounds stop in the old förbund at the merger date whatever the decision: always asked.
      const surveyRounds = (
        await ctx.services.query<{ carryOverSurveyRounds: number }>(
          'indicators',
          `mutation ($m: ID!, $from: [ID!]!, $into: ID!, $on: Date!, $carry: Boolean!, $ids: [ID!]!) {
            carryOverSurveyRounds(mergerId: $m, fromIds: $from, intoId: $into, effectiveOn: $on, carryOver: $carry,
              interventionIds: $ids) }`,
          { ...common, carry: data.surveys === 'CARRY_OVER', ids: carried },
        )
      ).carryOverSurveyRounds;

      // Then governance's own: styrgrupper, access and invitations given anew in the merged förbund, ended
      // in the old ones, each change of access an access event.
      const copyOf = new Map(carried.map((id) => [id, derivedId(mergerId, id)]));
      const memberOf = new Map(memberPairs);
      const grantsOf = new Map<string, AccessGrant[]>();
      const invitationsOf = new Map<string, Invitation[]>();
      const steeringOf = new Map<string, Body[]>();
      for (const f of from) {
        const em = forkForTenant(ctx.em, f.id);
        grantsOf.set(f.id, await em.find(AccessGrant, {}));
        invitationsOf.set(f.id, await em.find(Invitation, { claimedAt: null }));
        steeringOf.set(
          f.id,
          data.steeringGroups === 'CARRY_OVER' && carried.length
            ? await em.find(
                Body,
                { kind: 'STEERING_GROUP', interventionId: { $in: carried } },
                { populate: ['members'] },
              )
            : [],
        );
      }
      let grants = 0;
      let seats = 0;
      let invitations = 0;
      const merger = await forkForTenant(ctx.em, data.intoId).transactional(async (tx) => {
        // What a repeated merger made already, read at once (one statement per kind, not one per record).
        const made = await madeBefore(tx, mergerId, {
          bodies: [...steeringOf.values()].flat(),
          seats: [...steeringOf.values()].flat().flatMap((b) => b.members.getItems()),
          invitations: [...invitationsOf.values()].flat(),
          grants: [...grantsOf.values()].flat(),
        });
        const seatCopyOf = new Map<string, string>();
        for (const body of [...steeringOf.values()].flat()) {
          const bodyId = derivedId(mergerId, body.id);
          const copy = made.has(bodyId)
            ? tx.getReference(Body, bodyId)
            : tx.create(Body, {
                id: bodyId,
                tenantId: data.intoId,
                kind: body.kind,
                name: body.name,
                interventionId: copyOf.get(body.interventionId as string) as string,
              });
          for (const seat of body.members.getItems()) {
            const term = carriedSeatTerm(seat, data.effectiveOn);
            if (!term) {
              continue;
            }
            const seatId = derivedId(mergerId, seat.id);
            seatCopyOf.set(seat.id, seatId);
            if (made.has(seatId)) {
              continue;
            }
            tx.create(BodyMember, {
              id: seatId,
              tenantId: data.intoId,
              body: copy,
              name: seat.name,
              memberId: seat.memberId ? (memberOf.get(seat.memberId) ?? null) : null,
              role: seat.role,
              voting: seat.voting,
              mandate: seat.mandate,
              termFrom: term.termFrom,
              termTo: term.termTo,
              position: seat.position,
            });
            seats += 1;
          }
        }
        const invitationCopyOf = new Map<string, string>();
        for (const [fromId, open] of invitationsOf) {
          for (const inv of open) {
            if (data.invitations !== 'CARRY_OVER' || !openOn(inv, data.effectiveOn)) {
              continue;
            }
            const id = derivedId(mergerId, inv.id);
            invitationCopyOf.set(inv.id, id);
            if (made.has(id)) {
              continue;
            }
            tx.create(Invitation, {
              id,
              tenantId: data.intoId,
              email: inv.email,
              createdBy: ctx.identity.userId,
              createdAt: new Date(),
              expiresAt: inv.expiresAt,
              claimedBy: null,
              claimedAt: null,
            });
            await recordAccessEvent(tx, {
              tenantId: data.intoId,
              action: 'USER_INVITED',
              subject: `invitation:${id}`,
              detail: { email: inv.email, mergedFrom: fromId },
            });
            invitations += 1;
          }
        }
        for (const [fromId, old] of grantsOf) {
          for (const g of old) {
            // A user's grant follows `grants` (a STYRGRUPP seat its styrgrupp); an open invitation's, its invitation.
            const invitationId = g.invitationId ? invitationCopyOf.get(g.invitationId) : null;
            if (g.invitationId && !invitationId) {
              continue;
            }
            const carry = carriedGrant(g, data.effectiveOn, data.grants, copyOf, seatCopyOf);
            const id = derivedId(mergerId, g.id);
            if (!carry || made.has(id)) {
              continue;
            }
            tx.create(AccessGrant, {
              id,
              tenantId: data.intoId,
              userId: g.userId,
              invitationId: invitationId ?? null,
              role: carry.role as GrantRole,
              interventionIds: carry.interventionIds,
              seatId: carry.seatId,
              validFrom: carry.validFrom,
              validTo: carry.validTo,
              revokedAt: null,
              createdBy: ctx.identity.userId,
              createdAt: new Date(),
            });
            await recordAccessEvent(tx, {
              tenantId: data.intoId,
              action: 'ACCESS_GRANTED',
              subject: `grant:${id}`,
              detail: { role: carry.role, userId: g.userId, mergedFrom: fromId, validFrom: carry.validFrom },
            });
            grants += 1;
          }
        }
        const existing = await tx.findOne(ForbundMerger, { id: mergerId });
        if (existing) {
          return existing;
        }
        return tx.create(ForbundMerger, {
          id: mergerId,
          tenantId: data.intoId,
          forbundIds: data.forbundIds,
          effectiveOn: data.effectiveOn,
          decisionReference: data.decisionReference,
          options: {
            interventions: data.interventions,
            participations: data.participations,
            grants: data.grants,
            budgets: data.budgets,
            steeringGroups: data.steeringGroups,
            invitations: data.invitations,
            forbundBudget: data.forbundBudget,
            surveys: data.surveys,
          },
          carried: {
            interventions: carried.length,
            participations,
            allocations,
            grants,
            seats,
            invitations,
            budgets,
            surveyRounds,
          },
          createdBy: ctx.identity.userId,
          createdAt: new Date(),
        });
      });
      for (const f of from) {
        await forkForTenant(ctx.em, f.id).transactional(async (tx) => {
          for (const g of grantsOf.get(f.id) ?? []) {
            const ended = endedGrant(g, data.effectiveOn);
            if (ended === null) {
              continue;
            }
            const grant = tx.merge(g);
            if (ended === 'REVOKE') {
              grant.revokedAt = new Date();
            } else {
              grant.validTo = ended.validTo;
            }
            await recordAccessEvent(tx, {
              tenantId: f.id,
              action: ended === 'REVOKE' ? 'ACCESS_REVOKED' : 'VALIDITY_CHANGED',
              subject: `grant:${g.id}`,
              detail: { role: g.role, merger: mergerId, ...(ended === 'REVOKE' ? {} : { after: ended }) },
            });
          }
          const start = mergerStart(data.effectiveOn);
          for (const inv of invitationsOf.get(f.id) ?? []) {
            if (inv.expiresAt > start) {
              tx.merge(inv).expiresAt = start;
              await recordAccessEvent(tx, {
                tenantId: f.id,
                action: 'VALIDITY_CHANGED',
                subject: `invitation:${inv.id}`,
                detail: { merger: mergerId, expiresAt: start.toISOString() },
              });
            }
          }
          // Every seat of the old förbund's bodies ends the day before: the merged förbund appoints its own.
          for (const seat of await tx.find(BodyMember, {})) {
            const ended = endedSeat(seat, data.effectiveOn);
            if (ended) {
              seat.termTo = ended.termTo;
            }
          }
          await tx.nativeUpdate(Forbund, { id: f.id }, { mergedInto: data.intoId, mergedOn: data.effectiveOn });
        });
      }
      return merger;
    },
  }),
);
