import { randomUUID } from 'node:crypto';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { today } from '@finsam/kit/dates.js';
import { unknownInterventionIssues } from '@finsam/kit/directory.js';
import { NotFoundError, type ValidationIssue } from '@finsam/kit/errors.js';
import { tenantOf } from '@finsam/kit/scopes.js';
import { parseInput } from '@finsam/kit/validation.js';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  type GrantDraft,
  grantIssues,
  hasEnded,
  isActive,
  lastAdminIssues,
  validityIssues,
} from '../domain/directory.js';
import { refuse } from '../domain/issues.js';
import { AccessGrant, GRANT_ROLES, type GrantRole } from '../entities/AccessGrant.js';
import { BodyMember } from '../entities/BodyMember.js';
import { Invitation } from '../entities/Invitation.js';
import { recordAccessEvent } from './AccessEvent.js';
import { SeatRef } from './Body.js';
import { builder } from './builder.js';
import { DirectoryUserRef } from './DirectoryUser.js';
import { InterventionRef } from './Intervention.js';

const GRANT_ROLE_DESCRIPTIONS: Record<GrantRole, string> = {
  FORBUND_ADMIN: 'Förbundsadministratör: administers the förbund, its registry, insatser, money and access.',
  VERKSAMHETSLEDARE:
    'Verksamhetsledare of the named insatser: works with their participants and records, and decides on referrals ' +
    'where the insats gives the verksamhetsledare that mandate.',
  STAFF: 'Personal in the named insatser: works with their participants and records.',
  BOARD: 'Förbundsstyrelse member: reads the förbund’s figures and reports, records minutes and beslut.',
  STYRGRUPP: 'Styrgrupp member, by their seat: reads and handles the avvikelser of the insats the styrgrupp steers.',
};

export const GrantRoleEnum = builder.enumType('GrantRole', {
  description: 'What a grant lets a person be in one förbund.',
  values: Object.fromEntries(GRANT_ROLES.map((r) => [r, { description: GRANT_ROLE_DESCRIPTIONS[r] }])) as Record<
    GrantRole,
    { description: string }
  >,
});

export const AccessGrantRef = builder.objectRef<AccessGrant>('AccessGrant').implement({
  description:
    'Access to your förbund: a role, held by a person or by an invitation until it is claimed, in force within ' +
    'its validity until revoked.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The grant’s id (`revokeAccess`, `setGrantValidity` take it).' }),
    role: t.field({ type: GrantRoleEnum, description: 'What it lets the person be.', resolve: (g) => g.role }),
    user: t.field({
      type: DirectoryUserRef,
      nullable: true,
      description: 'Who holds it; null while it waits in an invitation.',
      resolve: (g, _a, ctx) => (g.userId ? DirectoryUserRef.getDataloader(ctx).load(g.userId) : null),
    }),
    interventions: t.field({
      type: [InterventionRef],
      description: 'For a verksamhetsledare or staff: the insatser they work in. Empty for other roles.',
      resolve: (g) => g.interventionIds.map((id) => ({ id })),
    }),
    seat: t.loadable({
      type: SeatRef,
      nullable: true,
      description: 'For a styrgrupp member: their seat; null for other roles, or when the seat is gone.',
      load: async (keys, ctx) => {
        const ids = keys as string[];
        const seats = new Map((await ctx.em.find(BodyMember, { id: { $in: ids } })).map((s) => [s.id, s]));
        return ids.map((id) => seats.get(id) ?? null);
      },
      resolve: (g) => g.seatId,
    }),
    validFrom: t.field({
      type: 'Date',
      nullable: true,
      description: 'First day it is in force; null from the start.',
      resolve: (g) => g.validFrom,
    }),
    validTo: t.field({
      type: 'Date',
      nullable: true,
      description: 'Last day it is in force; null until further notice.',
      resolve: (g) => g.validTo,
    }),
    revokedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was revoked; null while not.',
      resolve: (g) => g.revokedAt,
    }),
    active: t.boolean({
      description: 'In force today: not revoked, and today within its validity.',
      resolve: (g) => isActive(g, today()),
    }),
    createdAt: t.field({ type: 'DateTime', description: 'When it was given.', resolve: (g) => g.createdAt }),
    createdBy: t.exposeString('createdBy', { description: 'The user id of whoever gave it.' }),
  }),
});

export const GrantInput = builder.inputType('GrantInput', {
  description: 'Access to give in one förbund.',
  fields: (t) => ({
    role: t.field({ type: GrantRoleEnum, required: true, description: 'What the person will be.' }),
    interventionIds: t.idList({
      description:
        'For VERKSAMHETSLEDARE and STAFF: the insatser of the förbund they work in (at least one); none otherwise.',
    }),
    seatId: t.id({ description: 'For STYRGRUPP: their seat, in a styrgrupp of the förbund; none otherwise.' }),
    validFrom: t.field({ type: 'Date', description: 'First day in force; omit for at once.' }),
    validTo: t.field({ type: 'Date', description: 'Last day in force, not before the first; omit for open-ended.' }),
  }),
});

const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? null);

export const grantSchema = z.object({
  role: z.enum(GRANT_ROLES),
  interventionIds: z
    .array(z.uuid())
    .max(100)
    .nullish()
    .transform((ids) => [...new Set(ids ?? [])]),
  seatId: optional(z.uuid()),
  validFrom: optional(z.string()),
  validTo: optional(z.string()),
});

/**
 * Grants checked before anything is written: each against the rules, then their seats (a styrgrupp
 * seat of the förbund, read through `em`, scoped to it) and insatser (asked of teams on the caller's
 * behalf: insatser of the caller's förbund), every issue at its path.
 */
export async function checkGrants(
  ctx: SubgraphContext,
  em: EntityManager,
  grants: { grant: GrantDraft; path: (string | number)[] }[],
  granter: { platformAdmin: boolean },
): Promise<void> {
  refuse(grants.flatMap(({ grant, path }) => grantIssues(grant, path, granter)));
  const seatIds = grants.flatMap(({ grant }) => (grant.seatId ? [grant.seatId] : []));
  const seats = seatIds.length
    ? await em.find(BodyMember, { id: { $in: seatIds }, body: { kind: 'STEERING_GROUP' } })
    : [];
  const styrgruppSeats = new Set(seats.map((s) => s.id));
  const issues: ValidationIssue[] = grants.flatMap(({ grant, path }) =>
    grant.seatId && !styrgruppSeats.has(grant.seatId)
      ? [{ path: [...path, 'seatId'], message: `${grant.seatId} is not a styrgrupp seat of the förbund` }]
      : [],
  );
  const named = grants.flatMap(({ grant, path }) =>
    grant.interventionIds.map((id, n) => ({ id, path: [...path, 'interventionIds', n] })),
  );
  if (named.length) {
    issues.push(...(await unknownInterventionIssues(ctx, named)));
  }
  refuse(issues);
}

/** A grant as it is written: for a person (`userId`) or an invitation. */
export function createGrant(
  em: EntityManager,
  grant: GrantDraft,
  to: { tenantId: string; userId: string | null; invitationId: string | null; createdBy: string },
): AccessGrant {
  return em.create(AccessGrant, {
    id: randomUUID(),
    ...to,
    role: grant.role,
    interventionIds: [...grant.interventionIds],
    seatId: grant.seatId,
    validFrom: grant.validFrom,
    validTo: grant.validTo,
    revokedAt: null,
    createdAt: new Date(),
  });
}

/** What an event says about a grant. */
export const grantDetail = (g: GrantDraft & { userId?: string | null }) => ({
  role: g.role,
  ...(g.userId ? { userId: g.userId } : {}),
  ...(g.interventionIds.length ? { interventionIds: g.interventionIds } : {}),
  ...(g.seatId ? { seatId: g.seatId } : {}),
  ...(g.validFrom ? { validFrom: g.validFrom } : {}),
  ...(g.validTo ? { validTo: g.validTo } : {}),
});

const validityOf = (g: AccessGrant) => ({
  userId: g.userId,
  validFrom: g.validFrom,
  validTo: g.validTo,
  revokedAt: g.revokedAt,
});

/**
 * The grant to change, found in the caller's förbund, with the förbund's administrator grants
 * locked first: two administrators ending each other's access at once are served one after the
 * other, so the second sees the first's change and the last-administrator rule holds.
 */
async function grantToChange(tx: EntityManager, id: string) {
  const admins = await tx.find(
    AccessGrant,
    { role: 'FORBUND_ADMIN' },
    { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } },
  );
  const grant = admins.find((g) => g.id === id) ?? (await tx.findOne(AccessGrant, { id }));
  if (!grant) {
    throw new NotFoundError(['id'], `No grant ${id} in your förbund`);
  }
  if (grant.revokedAt !== null) {
    refuse([{ path: ['id'], message: 'The grant is already revoked' }]);
  }
  return { grant, admins };
}

const GrantAccessInput = builder.inputType('GrantAccessInput', {
  description: 'Access for a person already known to your förbund (one who holds or held access in it).',
  fields: (t) => ({
    userId: t.id({ required: true, description: 'The person (`DirectoryUser.id`, e.g. from `accessGrants`).' }),
    grant: t.field({ type: GrantInput, required: true, description: 'The access to give.' }),
  }),
});

const grantAccessSchema = z.object({ userId: z.uuid(), grant: grantSchema });

builder.queryField('accessGrants', (t) =>
  t.field({
    type: [AccessGrantRef],
    description: 'Who has access to what in your förbund (including invitations not yet claimed), oldest first.',
    authScopes: { tenantAdmin: true },
    args: {
      includeEnded: t.arg.boolean({
        defaultValue: false,
        description: 'Also the revoked ones and those whose validity is over.',
      }),
    },
    resolve: async (_root, { includeEnded }, ctx) => {
      const grants = await ctx.em.find(AccessGrant, {}, { orderBy: { createdAt: 'asc', id: 'asc' } });
      const on = today();
      return includeEnded ? grants : grants.filter((g) => !hasEnded(g, on));
    },
  }),
);

builder.mutationFields((t) => ({
  grantAccess: t.field({
    type: AccessGrantRef,
    description:
      'Gives a person already known to your förbund more access (new people are invited: `inviteUser`). ' +
      'Förbund administrators only.',
    authScopes: { tenantAdmin: true },
    args: { input: t.arg({ type: GrantAccessInput, required: true, description: 'Who gets what.' }) },
    errors: {},
    resolve: async (_root, { input }, ctx) => {
      const data = parseInput(grantAccessSchema, input);
      const tenantId = tenantOf(ctx);
      // Known to the förbund: holds or held a grant here, or claimed an invitation here.
      const known =
        (await ctx.em.count(AccessGrant, { userId: data.userId })) > 0 ||
        (await ctx.em.count(Invitation, { claimedBy: data.userId })) > 0;
      if (!known) {
        throw new NotFoundError(['input', 'userId'], `No person ${data.userId} in your förbund`);
      }
      await checkGrants(ctx, ctx.em, [{ grant: data.grant, path: ['input', 'grant'] }], { platformAdmin: false });
      return ctx.em.transactional(async (tx) => {
        const grant = createGrant(tx, data.grant, {
          tenantId,
          userId: data.userId,
          invitationId: null,
          createdBy: ctx.identity.userId,
        });
        await recordAccessEvent(tx, {
          tenantId,
          action: 'ACCESS_GRANTED',
          subject: `grant:${grant.id}`,
          detail: grantDetail({ ...data.grant, userId: data.userId }),
        });
        return grant;
      });
    },
  }),
  revokeAccess: t.field({
    type: AccessGrantRef,
    description:
      'Ends a grant at once (also one waiting in an invitation). The förbund’s last active administrator cannot ' +
      'be revoked. Förbund administrators only.',
    authScopes: { tenantAdmin: true },
    args: { id: t.arg.id({ required: true, description: 'The grant, of your förbund, not yet revoked.' }) },
    errors: {},
    resolve: (_root, args, ctx) =>
      ctx.em.transactional(async (tx) => {
        const { grant, admins } = await grantToChange(tx, String(args.id));
        const now = new Date();
        if (grant.role === 'FORBUND_ADMIN') {
          const after = admins.map((g) => (g.id === grant.id ? { ...validityOf(g), revokedAt: now } : validityOf(g)));
          refuse(lastAdminIssues(after, today(), ['id']));
        }
        grant.revokedAt = now;
        await recordAccessEvent(tx, {
          tenantId: grant.tenantId,
          action: 'ACCESS_REVOKED',
          subject: `grant:${grant.id}`,
          detail: grantDetail(grant),
        });
        return grant;
      }),
  }),
  setGrantValidity: t.field({
    type: AccessGrantRef,
    description:
      'Sets when a grant is in force (both days included; null for open). The förbund’s last active ' +
      'administrator keeps their access. Förbund administrators only.',
    authScopes: { tenantAdmin: true },
    args: {
      id: t.arg.id({ required: true, description: 'The grant, of your förbund, not revoked.' }),
      validFrom: t.arg({ type: 'Date', description: 'First day in force; null for from the start.' }),
      validTo: t.arg({ type: 'Date', description: 'Last day in force, not before the first; null for open-ended.' }),
    },
    errors: {},
    resolve: (_root, args, ctx) => {
      const validity = { validFrom: args.validFrom ?? null, validTo: args.validTo ?? null };
      refuse(validityIssues(validity, []));
      return ctx.em.transactional(async (tx) => {
        const { grant, admins } = await grantToChange(tx, String(args.id));
        if (grant.role === 'FORBUND_ADMIN') {
          const after = admins.map((g) => (g.id === grant.id ? { ...validityOf(g), ...validity } : validityOf(g)));
          refuse(lastAdminIssues(after, today(), ['id']));
        }
        const before = { validFrom: grant.validFrom, validTo: grant.validTo };
        Object.assign(grant, validity);
        await recordAccessEvent(tx, {
          tenantId: grant.tenantId,
          action: 'VALIDITY_CHANGED',
          subject: `grant:${grant.id}`,
          detail: { role: grant.role, before, after: validity },
        });
        return grant;
      });
    },
  }),
}));
