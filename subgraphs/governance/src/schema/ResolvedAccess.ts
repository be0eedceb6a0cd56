/**
 * The gateway's question, asked on every sign-in it has not seen lately: who is this person, and
 * what may they do in which förbund? `resolveAccess` records the sign-in, claims what was given to
 * the person's verified address, and answers with the identity the gateway signs for the subgraphs,
 * and when that answer next changes by itself (`changesAt`). Not in the client API (`@inaccessible`);
 * only the gateway's identity may ask. A sign-in that changes nothing writes nothing.
 */
import { randomUUID } from 'node:crypto';
import { today } from '@finsam/kit/dates.js';
import { badArgument, forbidden } from '@finsam/kit/errors.js';
import type { Identity } from '@finsam/kit/identity.js';
import { textProblem } from '@finsam/kit/input.js';
import { actingAs, forkForTenant, scopeToIdentity, tenantSql } from '@finsam/kit/tenant.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  claims,
  type IssuerTrust,
  nextValidityChange,
  PLATFORM_CHOICE,
  type ResolvedAccess,
  resolveAccess,
  trustedFor,
  verifiedEmail,
  workableForbundIds,
} from '../domain/directory.js';
import { AccessGrant } from '../entities/AccessGrant.js';
import { BodyMember } from '../entities/BodyMember.js';
import { County } from '../entities/County.js';
import { Forbund } from '../entities/Forbund.js';
import { Invitation } from '../entities/Invitation.js';
import { PlatformGrant } from '../entities/PlatformGrant.js';
import { TrustedIssuer } from '../entities/TrustedIssuer.js';
import { recordAccessEvent } from './AccessEvent.js';
import { builder } from './builder.js';

/**
 * Reads one person's own grants across every förbund (and writes nothing: RLS gives cross-tenant
 * readers no writes). Used where the person themself asks (`me`) and their förbund is not enough.
 */
const DIRECTORY_READER: Identity = Object.freeze({
  userId: 'governance:directory',
  tenantId: null,
  roles: ['gateway'],
  interventionIds: [],
  steeringInterventionIds: [],
  leadInterventionIds: [],
  countyForbundIds: null,
}) as Identity;

export const directoryReader = (em: EntityManager) => scopeToIdentity(em, DIRECTORY_READER);

/** How far the directory trusts an issuer (undefined: not registered). */
async function issuerTrust(em: EntityManager, issuer: string): Promise<IssuerTrust | undefined> {
  const row = await em.findOne(TrustedIssuer, { issuer });
  return row ? { forbundIds: row.forbundIds ?? null, platform: row.platform } : undefined;
}

/** The förbund a person may work in, ordered by name (`me`); `em` reads every förbund. */
export async function workableForbund(em: EntityManager, user: { id: string; issuer: string }) {
  const issuer = await issuerTrust(em, user.issuer);
  const ids = workableForbundIds(await em.find(AccessGrant, { userId: user.id }), issuer, today());
  const found = ids.length ? await em.find(Forbund, { id: { $in: ids } }, { orderBy: { name: 'asc', id: 'asc' } }) : [];
  return found.map((f) => ({ id: f.id, name: f.name, slug: f.slug }));
}

/**
 * What the person may do, asking for `requested` (a förbund id, "platform", or null for the default),
 * read through `em`, which reads every förbund.
 */
async function accessOf(
  em: EntityManager,
  userId: string,
  issuer: IssuerTrust | undefined,
  requested: string | null,
): Promise<(ResolvedAccess & { changesAt: Date | null }) | 'refused'> {
  const grants = await em.find(AccessGrant, { userId });
  const platformGrants = await em.find(PlatformGrant, { userId });
  const tenantIds = [...new Set(grants.map((g) => g.tenantId))];
  const forbund = tenantIds.length ? await em.find(Forbund, { id: { $in: tenantIds } }) : [];
  const seatIds = grants.flatMap((g) => (g.seatId ? [g.seatId] : []));
  const seats = seatIds.length ? await em.find(BodyMember, { id: { $in: seatIds } }, { populate: ['body'] }) : [];
  const countyIds = platformGrants.flatMap((g) => (g.countyId ? [g.countyId] : []));
  const counties = countyIds.length ? await em.find(County, { id: { $in: countyIds } }) : [];
  const on = today();
  const access = resolveAccess({
    grants,
    platformGrants,
    issuer,
    forbundNames: new Map(forbund.map((f) => [f.id, f.name])),
    seatInsats: new Map(
      seats.flatMap((s) => {
        const body = s.body.getEntity();
        return body.kind === 'STEERING_GROUP' && body.interventionId ? [[s.id, body.interventionId] as const] : [];
      }),
    ),
    countyForbund: new Map(counties.map((c) => [c.id, c.forbundIds])),
    requested,
    on,
  });
  if (access === 'refused') {
    return access;
  }
  // Validity is by UTC day (`today()`): a change takes effect at that day's first moment.
  const next = nextValidityChange([...grants, ...platformGrants], on);
  return { ...access, changesAt: next === null ? null : new Date(`${next}T00:00:00Z`) };
}

/** The kit's text rule (no control characters, at most `max`), with this field's own limit. */
const text = (max: number) =>
  z.string().superRefine((value, ctx) => {
    const problem = textProblem(value, max, true);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
    }
  });

const signInSchema = z.object({
  issuer: text(500).min(1, 'Required'),
  subject: text(255).min(1, 'Required'),
  email: text(320).nullish(),
  emailVerified: z.boolean(),
  name: text(200).nullish(),
  forbundId: z.union([z.literal(PLATFORM_CHOICE), z.uuid()], 'A förbund id or "platform"').nullish(),
});

/** The token's claims as the gateway passes them; a bad one is BAD_USER_INPUT naming the argument. */
function signInOf(args: Record<string, unknown>) {
  const parsed = signInSchema.safeParse(args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw badArgument(String(issue.path[0]), `\`${String(issue.path[0])}\`: ${issue.message}`);
  }
  const { email, name, forbundId, ...rest } = parsed.data;
  return { ...rest, email: email ?? null, name: name?.trim() || null, forbundId: forbundId ?? null };
}

/** How far off `lastSeenAt` may be: a sign-in within this of the last one written, changing nothing, writes nothing. */
const LAST_SEEN_PRECISION = '15 minutes';

/**
 * The person, found by issuer and subject or added, with their name, their address (only a verified
 * one is kept: an administrator reading it must be able to trust it) and when they were last seen.
 * Written only when something changed: a new person, a new name or address, or `lastSeenAt` older
 * than LAST_SEEN_PRECISION; otherwise one read.
 */
async function upsertUser(
  em: EntityManager,
  signIn: { issuer: string; subject: string; email: string | null; name: string | null },
): Promise<{ id: string; issuer: string }> {
  const seen = tenantSql(em);
  const found = seen.build(`select "id", "email", "name",
      "last_seen_at" > now() - interval '${LAST_SEEN_PRECISION}' as "recent"
    from "directory_user" where "issuer" = ${seen.bind(signIn.issuer)} and "subject" = ${seen.bind(signIn.subject)}`);
  const [known] = await em.execute<{ id: string; email: string | null; name: string | null; recent: boolean }[]>(
    found.sql,
    found.params,
  );
  // The upsert below keeps a known address or name when the token has none.
  if (
    known?.recent &&
    (signIn.email === null || signIn.email === known.email) &&
    (signIn.name === null || signIn.name === known.name)
  ) {
    return { id: known.id, issuer: signIn.issuer };
  }
  const { bind, build } = tenantSql(em);
  const { sql, params } = build(`insert into "directory_user"
      ("id", "issuer", "subject", "email", "name", "created_at", "last_seen_at")
    values (${bind(randomUUID())}, ${bind(signIn.issuer)}, ${bind(signIn.subject)}, ${bind(signIn.email)},
      ${bind(signIn.name)}, now(), now())
    on conflict ("issuer", "subject") do update set
      "email" = coalesce(excluded."email", "directory_user"."email"),
      "name" = coalesce(excluded."name", "directory_user"."name"),
      "last_seen_at" = excluded."last_seen_at"
    returning "id"`);
  const [row] = await em.execute<{ id: string }[]>(sql, params);
  return { id: row!.id, issuer: signIn.issuer };
}

/**
 * Claims what was given to the person's verified address: each open invitation of a förbund whose
 * trusted issuers include theirs (written in that förbund's tenant), and platform access when their
 * issuer is trusted for it. A claim another sign-in made first is left as it is.
 */
async function claimInvitations(
  em: EntityManager,
  user: { id: string },
  email: string | null,
  issuer: IssuerTrust | undefined,
): Promise<void> {
  if (email === null || issuer === undefined) {
    return;
  }
  const now = new Date();
  const invitations = await em.find(Invitation, { email, claimedAt: null });
  for (const invitation of invitations) {
    const open = { email: invitation.email, expiresAt: invitation.expiresAt, claimed: false };
    if (!claims(open, email, trustedFor(issuer, invitation.tenantId), now)) {
      continue;
    }
    // The person claims: the event names them as the actor, not the gateway that asked.
    await forkForTenant(em, invitation.tenantId, user.id).transactional(async (tx) => {
      const claimed = await tx.nativeUpdate(
        Invitation,
        { id: invitation.id, claimedAt: null },
        { claimedBy: user.id, claimedAt: now },
      );
      if (claimed === 0) {
        return;
      }
      const grants = await tx.nativeUpdate(
        AccessGrant,
        { invitationId: invitation.id },
        { userId: user.id, invitationId: null },
      );
      await recordAccessEvent(tx, {
        tenantId: invitation.tenantId,
        action: 'INVITATION_CLAIMED',
        subject: `invitation:${invitation.id}`,
        detail: { email, userId: user.id, grants },
      });
    });
  }
  const platform = await em.find(PlatformGrant, { email, userId: null });
  for (const grant of platform) {
    if (!claims({ ...grant, claimed: false }, email, issuer.platform, now)) {
      continue;
    }
    await actingAs(em, user.id).transactional(async (tx) => {
      const claimed = await tx.nativeUpdate(
        PlatformGrant,
        { id: grant.id, userId: null },
        { userId: user.id, claimedAt: now },
      );
      if (claimed === 0) {
        return;
      }
      await recordAccessEvent(tx, {
        tenantId: null,
        action: 'PLATFORM_INVITATION_CLAIMED',
        subject: `platform-grant:${grant.id}`,
        detail: { email, userId: user.id, role: grant.role },
      });
    });
  }
}

const ResolvedAccessRef = builder
  .objectRef<ResolvedAccess & { userId: string; changesAt: Date | null }>('ResolvedAccess')
  .implement({
    inaccessible: true,
    description: 'Who a signed-in person is on the platform for one request: what the gateway signs for the subgraphs.',
    fields: (t) => ({
      userId: t.exposeID('userId', { description: 'Their user id: the internal token’s subject.' }),
      forbundIds: t.exposeIDList('forbundIds', {
        description: 'Every förbund they may work in: an active grant there, from an issuer trusted for it.',
      }),
      tenantId: t.exposeID('tenantId', {
        nullable: true,
        description:
          'The förbund this request works in: the one asked for, else the first of `forbundIds` by name; null ' +
          'with none, or when platform access was asked for.',
      }),
      roles: t.exposeStringList('roles', {
        description: 'Identity roles (forbund_admin, staff, board, steering; platform_admin, county_analyst).',
      }),
      interventionIds: t.exposeIDList('interventionIds', { description: 'Insatser they work in as staff.' }),
      steeringInterventionIds: t.exposeIDList('steeringInterventionIds', {
        description: 'Insatser whose styrgrupp they sit in.',
      }),
      leadInterventionIds: t.exposeIDList('leadInterventionIds', {
        description: 'Insatser they lead as verksamhetsledare (of `interventionIds`): they decide on referrals there.',
      }),
      countyForbundIds: t.exposeIDList('countyForbundIds', {
        nullable: true,
        description: 'For a county analyst: the förbund of their counties; null for everyone else.',
      }),
      changesAt: t.field({
        type: 'DateTime',
        nullable: true,
        description:
          'The next moment this answer changes by itself: the first day (from 00:00 UTC) on which one of their ' +
          'grants starts or stops being in force; null when none will. Until then only a change of access ' +
          'changes it, which the directory announces to the gateways as it commits.',
        resolve: (a) => a.changesAt,
      }),
    }),
  });

builder.mutationField('resolveAccess', (t) =>
  t.field({
    type: ResolvedAccessRef,
    inaccessible: true,
    description:
      'The gateway resolves a verified token: records the sign-in, claims invitations and platform access given to ' +
      'the verified address, and answers who the person is in the förbund asked for. The gateway only; not in the ' +
      'client API.',
    authScopes: { gateway: true },
    args: {
      issuer: t.arg.string({ required: true, description: 'The token’s issuer (`iss`), already verified.' }),
      subject: t.arg.string({ required: true, description: 'The token’s subject (`sub`).' }),
      email: t.arg.string({ description: 'The token’s `email`, if any.' }),
      emailVerified: t.arg.boolean({
        required: true,
        description: 'The token’s `email_verified`: only a verified address claims anything.',
      }),
      name: t.arg.string({ description: 'The token’s `name`, if any.' }),
      forbundId: t.arg.string({
        description:
          `The förbund the request asks to work in, or "${PLATFORM_CHOICE}" for platform access; null ` +
          'for the default.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const signIn = signInOf(args);
      const email = verifiedEmail(signIn.email, signIn.emailVerified);
      const user = await upsertUser(ctx.em, { ...signIn, email });
      const issuer = await issuerTrust(ctx.em, user.issuer);
      await claimInvitations(ctx.em, user, email, issuer);
      const access = await accessOf(ctx.em, user.id, issuer, signIn.forbundId);
      if (access === 'refused') {
        throw forbidden('No access to that förbund');
      }
      return { userId: user.id, ...access };
    },
  }),
);
