/**
 * Förbund mergers (sammanslagning), by the platform administrator: A and B (and more) become C from a
 * date, records carried over or closed as the decision says (../domain/merger.ts). Teams, participants
 * and finance carry their own records over when governance tells them (service calls listed in kit
 * service-calls.ts); governance then carries the grants and marks the old förbund merged. Every step
 * writes copies with name-based ids, so after a failure the same mutation finishes what was left.
 */
import { derivedId } from '@finsam/kit/ids.js';
import { forkForTenant } from '@finsam/kit/tenant.js';
import { parseInput } from '@finsam/kit/validation.js';
import { z } from 'zod';
import { refuse } from '../domain/issues.js';
import {
  carriedGrant,
  endedGrant,
  MERGER_MODES,
  type MergerMode,
  memberMapping,
  mergerIssues,
} from '../domain/merger.js';
import { AccessGrant, type GrantRole } from '../entities/AccessGrant.js';
import { Forbund } from '../entities/Forbund.js';
import { ForbundMerger } from '../entities/ForbundMerger.js';
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
    interventionsCarried: t.int({ description: 'Insatser carried over.', resolve: (m) => m.carried.interventions }),
    participationsCarried: t.int({
      description: 'Participations carried over.',
      resolve: (m) => m.carried.participations,
    }),
    allocationsCarried: t.int({ description: 'Allocations carried over.', resolve: (m) => m.carried.allocations }),
    grantsCarried: t.int({ description: 'Access grants given anew.', resolve: (m) => m.carried.grants }),
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
      const data = parseInput(mergeSchema, input);
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

      // Then access: given anew in the merged förbund, ended in the old ones, each change an access event.
      const copyOf = new Map(carried.map((id) => [id, derivedId(mergerId, id)]));
      const grantsOf = new Map<string, AccessGrant[]>();
      for (const f of from) {
        grantsOf.set(f.id, await forkForTenant(ctx.em, f.id).find(AccessGrant, { userId: { $ne: null } }));
      }
      let grants = 0;
      const merger = await forkForTenant(ctx.em, data.intoId).transactional(async (tx) => {
        for (const [fromId, old] of grantsOf) {
          for (const g of old) {
            const carry = carriedGrant(g, data.effectiveOn, data.grants, copyOf);
            const id = derivedId(mergerId, g.id);
            if (!carry || (await tx.findOne(AccessGrant, { id }))) {
              continue;
            }
            tx.create(AccessGrant, {
              id,
              tenantId: data.intoId,
              userId: g.userId,
              invitationId: null,
              role: carry.role as GrantRole,
              interventionIds: carry.interventionIds,
              seatId: null,
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
          },
          carried: { interventions: carried.length, participations, allocations, grants },
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
          await tx.nativeUpdate(Forbund, { id: f.id }, { mergedInto: data.intoId, mergedOn: data.effectiveOn });
        });
      }
      return merger;
    },
  }),
);
