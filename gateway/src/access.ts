/**
 * Who a signed-in person is on the platform, and in which förbund they work now: asked of the
 * directory (governance's `resolveAccess`), never read from the token. The gateway asks as itself
 * (role `gateway`) with an internal token, like any subgraph fetch.
 *
 * Answers are kept per person and chosen förbund, never past the token's `exp` nor past the moment
 * the directory says the answer changes by itself (`changesAt`: a grant's validity starting or
 * ending), and:
 * - while the instance hears the directory's changes of access (`accessEvents`: every committed
 *   change, whoever made it, announced by governance's database; cache-events.ts), up to
 *   `keepSeconds` (600): a change forgets the person's answers (or everyone's) the moment it is heard;
 * - otherwise (no `accessEvents`, or not listening now) `cacheSeconds` (10) from when it was asked,
 *   as before: a change made elsewhere then takes effect within that.
 * A change of access made through this gateway forgets every answer once it has been answered (`forget`).
 */
import { forbidden } from '@finsam/kit/errors.js';
import type { Identity, Role } from '@finsam/kit/identity.js';
import type { InternalSigner } from '@finsam/kit/internal-token.js';
import { type Logger, REQUEST_ID_HEADER } from '@finsam/kit/log.js';
import { metrics } from '@finsam/kit/telemetry.js';
import { copyOfIdentity, setBounded } from '@finsam/kit/verified-tokens.js';
import type pg from 'pg';
import { type AccessEvents, listenForAccessChanges } from './cache-events.js';
import type { IssuerConfig, VerifiedUser } from './issuers.js';

/** The gateway's own identity when it asks the directory. */
export const GATEWAY_IDENTITY: Identity = Object.freeze({
  userId: 'gateway',
  tenantId: null,
  roles: ['gateway'] as Role[],
  interventionIds: [],
  steeringInterventionIds: [],
  leadInterventionIds: [],
  countyForbundIds: null,
}) as Identity;

/** The mutations that change who may do what: the gateway forgets what it knew after each. */
export const ACCESS_MUTATIONS = new Set([
  'inviteUser',
  'grantAccess',
  'revokeAccess',
  'setGrantValidity',
  'createCounty',
  'registerTrustedIssuer',
  'grantPlatformAccess',
  'revokePlatformAccess',
  'createForbund',
]);

const RESOLVE = `mutation ResolveAccess($issuer: String!, $subject: String!, $email: String, $emailVerified: Boolean!,
  $name: String, $forbundId: String) {
  resolveAccess(issuer: $issuer, subject: $subject, email: $email, emailVerified: $emailVerified, name: $name,
    forbundId: $forbundId) {
    userId tenantId roles interventionIds steeringInterventionIds leadInterventionIds countyForbundIds changesAt
  }
}`;

const ISSUERS = '{ gatewayTrustedIssuers { issuer audience algorithms } }';

interface ResolvedAccess {
  userId: string;
  tenantId: string | null;
  roles: Role[];
  interventionIds: string[];
  steeringInterventionIds: string[];
  leadInterventionIds: string[];
  countyForbundIds: string[] | null;
  changesAt: string | null;
}

export interface DirectoryOptions {
  /** governance's GraphQL URL. */
  url: string;
  sign: InternalSigner;
  /** Seconds an answer is kept while changes of access could go unheard (10). */
  cacheSeconds?: number;
  /** Seconds an answer is kept while every change of access is heard (600). */
  keepSeconds?: number;
  /** The directory's (governance's) database as the gateway role, where changes of access are announced. */
  accessEvents?: pg.ClientConfig;
  maxEntries?: number;
}

interface Kept {
  identity: Identity;
  /** When it was asked for: without the directory's changes, it is trusted `cacheSeconds` from then. */
  asked: number;
  until: number;
}

export function directory({
  url,
  sign,
  cacheSeconds = 10,
  keepSeconds = 600,
  accessEvents,
  maxEntries = 10_000,
}: DirectoryOptions) {
  const kept = new Map<string, Kept>();
  let events: AccessEvents | undefined;
  const hearsChanges = () => events?.listening === true;
  // A burst of one person's requests asks the directory once: the question, and the generation it was asked in.
  const asking = new Map<string, { asked: number; answer: Promise<Identity> }>();
  // Moves with every change of access made or heard: an answer asked for before a change is not kept after it.
  let generation = 0;
  /** The generation of the last change of everyone's access. */
  let everyone = 0;
  /** The generation of each person's last change heard (until the next change of everyone's). */
  const changed = new Map<string, number>();
  /** Whether a change of `userId`'s access came after generation `asked`: an answer asked then may be stale. */
  const changedSince = (userId: string, asked: number) => everyone > asked || (changed.get(userId) ?? 0) > asked;

  function forget(): void {
    everyone = ++generation;
    changed.clear();
    kept.clear();
    asking.clear();
  }

  /**
   * One person's access changed: their answers go, none asked before the change is kept, and a request
   * that joins such a question after the change asks again (`identityOf`). Everyone else's stay.
   */
  function forgetPerson(userId: string): void {
    if (changed.size >= maxEntries) {
      forget();
      return;
    }
    changed.set(userId, ++generation);
    dropKept(userId);
  }

  /** A person's kept answers go (they claimed a grant: questions asked since have it). */
  function dropKept(userId: string): void {
    for (const [key, value] of kept) {
      if (value.identity.userId === userId) {
        kept.delete(key);
      }
    }
  }

  /** `requestId`: the client request this question serves, so the directory's log lines name it. */
  async function ask<T>(query: string, variables?: Record<string, unknown>, requestId?: string): Promise<T> {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await sign(GATEWAY_IDENTITY, 'governance')}`,
        ...(requestId ? { [REQUEST_ID_HEADER]: requestId } : {}),
      },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(5000),
    });
    const body = (await res.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    const error = body.errors?.[0];
    if (error?.extensions?.code === 'FORBIDDEN') {
      throw forbidden(error.message);
    }
    if (error || !body.data) {
      throw new Error(`the directory answered: ${error?.message ?? res.status}`);
    }
    return body.data;
  }

  async function resolve(
    user: VerifiedUser,
    forbundId: string | null,
    key: string,
    requestId: string | undefined,
    asked: number,
  ): Promise<Identity> {
    const now = Date.now();
    const long = hearsChanges();
    metrics.directoryQuestions.inc();
    const { resolveAccess: a } = await ask<{ resolveAccess: ResolvedAccess }>(
      RESOLVE,
      {
        issuer: user.issuer,
        subject: user.subject,
        email: user.email,
        emailVerified: user.emailVerified,
        name: user.name,
        forbundId,
      },
      requestId,
    );
    const identity: Identity = {
      userId: a.userId,
      tenantId: a.tenantId,
      roles: a.roles,
      interventionIds: a.interventionIds,
      steeringInterventionIds: a.steeringInterventionIds,
      leadInterventionIds: a.leadInterventionIds,
      countyForbundIds: a.countyForbundIds,
    };
    if (changedSince(identity.userId, asked)) {
      return identity;
    }
    // A moment already past (the two clocks differ) bounds nothing: the answer is then kept briefly.
    const changesAt = a.changesAt === null ? Number.POSITIVE_INFINITY : Date.parse(a.changesAt);
    const until = Math.min(
      now + (long ? keepSeconds : cacheSeconds) * 1000,
      user.expiresAt,
      changesAt > now ? changesAt : now + cacheSeconds * 1000,
    );
    setBounded(kept, key, { identity, asked: now, until }, maxEntries, (v) => v.until > now);
    return identity;
  }

  /**
   * The identity of a verified user working in `forbundId` (or their default förbund). `requestId`
   * goes with the directory question (a burst of one person's requests asks once, with the first id).
   */
  async function identityOf(user: VerifiedUser, forbundId: string | null, requestId?: string): Promise<Identity> {
    const key = JSON.stringify([user.issuer, user.subject, user.email, user.emailVerified, forbundId]);
    const now = Date.now();
    const hit = kept.get(key);
    if (hit && hit.until > now && (hearsChanges() || hit.asked + cacheSeconds * 1000 > now)) {
      return copyOfIdentity(hit.identity);
    }
    let pending = asking.get(key);
    if (!pending) {
      const asked = generation;
      pending = { asked, answer: resolve(user, forbundId, key, requestId, asked).finally(() => asking.delete(key)) };
      asking.set(key, pending);
    }
    const joined = generation;
    const identity = await pending.answer;
    // The person's access changed after the question was asked and before this request joined it: ask again.
    const change = Math.max(everyone, changed.get(identity.userId) ?? 0);
    if (change > pending.asked && change <= joined) {
      return identityOf(user, forbundId, requestId);
    }
    return copyOfIdentity(identity);
  }

  return {
    identityOf,
    /** The issuers registered in the directory. */
    async issuers(): Promise<IssuerConfig[]> {
      return (await ask<{ gatewayTrustedIssuers: IssuerConfig[] }>(ISSUERS)).gatewayTrustedIssuers;
    },
    /** Forget every kept identity: access changed through this gateway. */
    forget,
    /** Starts hearing the directory's changes of access (with `accessEvents`); until then answers are kept briefly. */
    async listen(log: Logger): Promise<void> {
      if (!accessEvents || events) {
        return;
      }
      events = await listenForAccessChanges(
        accessEvents,
        {
          onChange: (userId, claimed) =>
            userId === null ? forget() : claimed ? dropKept(userId) : forgetPerson(userId),
          // What changed while not listening is unknown.
          onListening: forget,
        },
        log,
      );
    },
    async stop(): Promise<void> {
      await events?.stop();
    },
  };
}

export type Directory = ReturnType<typeof directory>;
