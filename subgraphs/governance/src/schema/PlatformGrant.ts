import { randomUUID } from 'node:crypto';
import { today } from '@finsam/kit/dates.js';
import { NotFoundError } from '@finsam/kit/errors.js';
import { parseInput } from '@finsam/kit/validation.js';
import { z } from 'zod';
import { INVITATION_DAYS, isActive, platformGrantIssues, validityIssues } from '../domain/directory.js';
import { refuse } from '../domain/issues.js';
import { County } from '../entities/County.js';
import { PLATFORM_ROLES, PlatformGrant, type PlatformRole } from '../entities/PlatformGrant.js';
import { recordAccessEvent } from './AccessEvent.js';
import { builder } from './builder.js';
import { CountyRef } from './County.js';
import { DirectoryUserRef } from './DirectoryUser.js';

const PLATFORM_ROLE_DESCRIPTIONS: Record<PlatformRole, string> = {
  PLATFORM_ADMIN: 'Plattformsadministratör: registers förbund, counties, identity providers and platform access.',
  COUNTY_ANALYST:
    'Länsanalytiker: reads aggregates across the förbund of their county (or of every förbund, without one), ' +
    'never a person.',
};

const PlatformRoleEnum = builder.enumType('PlatformRole', {
  description: 'Access above the förbund.',
  values: Object.fromEntries(PLATFORM_ROLES.map((r) => [r, { description: PLATFORM_ROLE_DESCRIPTIONS[r] }])) as Record<
    PlatformRole,
    { description: string }
  >,
});

const PlatformGrantRef = builder.objectRef<PlatformGrant>('PlatformGrant').implement({
  description:
    'Platform access given by e-mail: claimed at the first sign-in with that address from an identity provider ' +
    'trusted for platform access.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The grant’s id (`revokePlatformAccess` takes it).' }),
    role: t.field({ type: PlatformRoleEnum, description: 'What it lets the person be.', resolve: (g) => g.role }),
    email: t.exposeString('email', { description: 'The address it was given to (lower-case).' }),
    user: t.field({
      type: DirectoryUserRef,
      nullable: true,
      description: 'Who claimed it; null until claimed.',
      resolve: (g, _a, ctx) => (g.userId ? DirectoryUserRef.getDataloader(ctx).load(g.userId) : null),
    }),
    county: t.loadable({
      type: CountyRef,
      nullable: true,
      description: 'For a county analyst: the county; null for a platform administrator.',
      load: async (keys, ctx) => {
        const ids = keys as string[];
        const found = new Map((await ctx.em.find(County, { id: { $in: ids } })).map((c) => [c.id, c]));
        return ids.map((id) => found.get(id) ?? null);
      },
      resolve: (g) => g.countyId,
    }),
    expiresAt: t.field({
      type: 'DateTime',
      description: 'Until when it can be claimed.',
      resolve: (g) => g.expiresAt,
    }),
    validFrom: t.field({
      type: 'Date',
      nullable: true,
      description: 'First day in force; null from the start.',
      resolve: (g) => g.validFrom,
    }),
    validTo: t.field({
      type: 'Date',
      nullable: true,
      description: 'Last day in force; null until further notice.',
      resolve: (g) => g.validTo,
    }),
    revokedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was revoked; null while not.',
      resolve: (g) => g.revokedAt,
    }),
    active: t.boolean({
      description: 'Claimed and in force today.',
      resolve: (g) => g.userId !== null && isActive(g, today()),
    }),
  }),
});

const GrantPlatformAccessInput = builder.inputType('GrantPlatformAccessInput', {
  description: 'Platform access for a person, by the address they sign in with.',
  fields: (t) => ({
    email: t.string({ required: true, description: 'Their e-mail address (any case).' }),
    role: t.field({ type: PlatformRoleEnum, required: true, description: 'What they will be.' }),
    countyId: t.id({
      description: 'For a county analyst: their county, or none for every förbund; none for an administrator.',
    }),
    validFrom: t.field({ type: 'Date', description: 'First day in force; omit for at once.' }),
    validTo: t.field({ type: 'Date', description: 'Last day in force, not before the first; omit for open-ended.' }),
  }),
});

const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? null);

const grantPlatformSchema = z.object({
  email: z
    .email('Not an e-mail address')
    .max(320)
    .transform((v) => v.toLowerCase()),
  role: z.enum(PLATFORM_ROLES),
  countyId: optional(z.uuid()),
  validFrom: optional(z.string()),
  validTo: optional(z.string()),
});

builder.queryField('platformGrants', (t) =>
  t.field({
    type: [PlatformGrantRef],
    description: 'Every platform grant, oldest first (with the revoked ones). Platform administrators only.',
    authScopes: { platformAdmin: true },
    resolve: (_root, _args, ctx) => ctx.em.find(PlatformGrant, {}, { orderBy: { createdAt: 'asc', id: 'asc' } }),
  }),
);

builder.mutationFields((t) => ({
  grantPlatformAccess: t.field({
    type: PlatformGrantRef,
    description:
      'Gives platform access by e-mail, claimed like an invitation (within ' +
      `${INVITATION_DAYS} days). Platform administrators only.`,
    authScopes: { platformAdmin: true },
    args: { input: t.arg({ type: GrantPlatformAccessInput, required: true, description: 'Who gets what.' }) },
    errors: {},
    resolve: async (_root, { input }, ctx) => {
      const data = parseInput(grantPlatformSchema, { ...input, email: input.email.trim() });
      refuse([...platformGrantIssues(data), ...validityIssues(data, ['input'])]);
      if (data.countyId && !(await ctx.em.findOne(County, { id: data.countyId }))) {
        throw new NotFoundError(['input', 'countyId'], `No county ${data.countyId}`);
      }
      return ctx.em.transactional(async (tx) => {
        const now = new Date();
        const grant = tx.create(PlatformGrant, {
          id: randomUUID(),
          ...data,
          expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
          userId: null,
          claimedAt: null,
          revokedAt: null,
          createdBy: ctx.identity.userId,
          createdAt: now,
        });
        await tx.flush();
        await recordAccessEvent(tx, {
          tenantId: null,
          action: 'PLATFORM_ACCESS_GRANTED',
          subject: `platform-grant:${grant.id}`,
          detail: data,
        });
        return grant;
      });
    },
  }),
  revokePlatformAccess: t.field({
    type: PlatformGrantRef,
    description: 'Ends platform access at once. Platform administrators only.',
    authScopes: { platformAdmin: true },
    args: { id: t.arg.id({ required: true, description: 'The platform grant, not yet revoked.' }) },
    errors: {},
    resolve: (_root, args, ctx) =>
      ctx.em.transactional(async (tx) => {
        const grant = await tx.findOne(PlatformGrant, { id: String(args.id) });
        if (!grant) {
          throw new NotFoundError(['id'], `No platform grant ${args.id}`);
        }
        if (grant.revokedAt !== null) {
          refuse([{ path: ['id'], message: 'The grant is already revoked' }]);
        }
        grant.revokedAt = new Date();
        await tx.flush();
        await recordAccessEvent(tx, {
          tenantId: null,
          action: 'PLATFORM_ACCESS_REVOKED',
          subject: `platform-grant:${grant.id}`,
          detail: { role: grant.role, email: grant.email },
        });
        return grant;
      }),
  }),
}));
