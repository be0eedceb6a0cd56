/**
 * The demo directory: the counties, the identity providers the platform starts with, and an
 * invitation for every demo person (`people.ts`) by e-mail, with their grants — claimed at their
 * first sign-in, so nothing here depends on where the development identity provider runs.
 */
import { randomUUID } from 'node:crypto';
import { createLogger } from '@finsam/kit/log.js';
import { forkForTenant } from '@finsam/kit/tenant.js';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { offerPlatformAccess, trustIssuers } from '../bootstrap.js';
import { ISSUER_ALGORITHMS, issuerUrlIssue } from '../domain/directory.js';
import { AccessEvent } from '../entities/AccessEvent.js';
import { AccessGrant } from '../entities/AccessGrant.js';
import { BodyMember } from '../entities/BodyMember.js';
import { County } from '../entities/County.js';
import { Invitation } from '../entities/Invitation.js';
import { forbundBySlug } from './forbund.js';
import { DEMO_COUNTIES, DEMO_PEOPLE, type DemoGrant } from './people.js';

const log = createLogger('governance');

/** An issuer the platform trusts from the start (`secrets.DEV_ISSUERS`), for every förbund. */
export interface DevIssuer {
  issuer: string;
  audience: string;
  algorithms: string[];
  platform: boolean;
}

/**
 * `secrets.DEV_ISSUERS`: a JSON array of `{ issuer, audience, algorithms, platform }`. Anything else
 * (not JSON, not an array, an entry missing a part or with a bad one) is left out with a warning:
 * the platform starts without that issuer rather than not at all.
 */
export function devIssuers(raw: string | undefined): DevIssuer[] {
  if (!raw?.trim()) {
    return [];
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    log.warn('DEV_ISSUERS is not JSON: no issuer seeded');
    return [];
  }
  if (!Array.isArray(value)) {
    log.warn('DEV_ISSUERS is not a JSON array: no issuer seeded');
    return [];
  }
  return value.flatMap((entry: unknown, n): DevIssuer[] => {
    const e = (entry ?? {}) as Record<string, unknown>;
    const algorithms = Array.isArray(e.algorithms) ? e.algorithms : [];
    const ok =
      typeof e.issuer === 'string' &&
      issuerUrlIssue(e.issuer) === null &&
      typeof e.audience === 'string' &&
      e.audience.trim().length > 0 &&
      algorithms.length > 0 &&
      algorithms.every((a) => (ISSUER_ALGORITHMS as readonly unknown[]).includes(a)) &&
      (e.platform === undefined || typeof e.platform === 'boolean');
    if (!ok) {
      log.warn('DEV_ISSUERS entry left out: it needs issuer (URL), audience, algorithms, platform', { entry: n });
      return [];
    }
    return [
      {
        issuer: e.issuer as string,
        audience: (e.audience as string).trim(),
        algorithms: [...new Set(algorithms as string[])],
        platform: e.platform === true,
      },
    ];
  });
}

/** Who the seed's access events name as the actor. */
const SEED_ACTOR = 'demo-seed';
/** Demo invitations stay open until claimed: the demo may start, and its people sign in, at any time. */
const DEMO_EXPIRY = new Date('2099-12-31T23:59:59Z');

/** Counties, trusted issuers, then the invitations. Idempotent: what exists is left as it is. */
export async function seedDirectory(orm: MikroORM, secrets: Record<string, string>): Promise<void> {
  await seedCounties(orm);
  await trustIssuers(orm, devIssuers(secrets.DEV_ISSUERS));
  await seedInvitations(orm);
  await seedPlatformGrants(orm);
}

async function seedCounties(orm: MikroORM): Promise<void> {
  const em = orm.em.fork();
  for (const county of DEMO_COUNTIES) {
    if (await em.count(County, { name: county.name })) {
      continue;
    }
    const forbundIds = county.forbund.map((slug) => forbundBySlug(slug).id);
    em.create(County, { id: randomUUID(), name: county.name, forbundIds, createdAt: new Date() });
  }
  await em.flush();
}

type ForbundDemoGrant = Extract<DemoGrant, { forbund: string }>;

/** The first seat of the styrgrupp of this insats: where the demo styrgrupp member sits. */
async function styrgruppSeat(em: EntityManager, interventionId: string) {
  const [seat] = await em.find(
    BodyMember,
    { body: { kind: 'STEERING_GROUP', interventionId } },
    { orderBy: { position: 'asc' }, limit: 1 },
  );
  return seat ?? null;
}

/** One invitation per demo person and förbund, with their grants there; none where one was sent already. */
async function seedInvitations(orm: MikroORM): Promise<void> {
  for (const person of DEMO_PEOPLE) {
    const grants = person.grants.filter((g): g is ForbundDemoGrant => 'forbund' in g);
    for (const slug of new Set(grants.map((g) => g.forbund))) {
      const tenantId = forbundBySlug(slug).id;
      const em = forkForTenant(orm.em, tenantId, SEED_ACTOR);
      if (await em.count(Invitation, { email: person.email })) {
        continue;
      }
      await em.transactional(async (tx) => {
        const now = new Date();
        const invitation = tx.create(Invitation, {
          id: randomUUID(),
          tenantId,
          email: person.email,
          createdBy: SEED_ACTOR,
          createdAt: now,
          expiresAt: DEMO_EXPIRY,
          claimedBy: null,
          claimedAt: null,
        });
        // The grants refer to it by an id column, which the ORM does not order by.
        await tx.flush();
        for (const g of grants.filter((x) => x.forbund === slug)) {
          const seat = g.role === 'STYRGRUPP' ? await styrgruppSeat(tx, g.interventionId) : null;
          if (g.role === 'STYRGRUPP' && !seat) {
            log.warn('demo styrgrupp member left without a seat: the insats has no styrgrupp', {
              person: person.username,
            });
            continue;
          }
          tx.create(AccessGrant, {
            id: randomUUID(),
            tenantId,
            userId: null,
            invitationId: invitation.id,
            role: g.role,
            interventionIds: 'interventionIds' in g ? g.interventionIds : [],
            seatId: seat?.id ?? null,
            validFrom: null,
            validTo: null,
            revokedAt: null,
            createdBy: SEED_ACTOR,
            createdAt: now,
          });
        }
        tx.create(AccessEvent, {
          id: randomUUID(),
          tenantId,
          at: now,
          actor: SEED_ACTOR, // the database stamps it again, from the fork's acting user
          action: 'USER_INVITED',
          subject: `invitation:${invitation.id}`,
          detail: { email: person.email, grants: grants.filter((x) => x.forbund === slug).map((x) => x.role) },
        });
      });
    }
  }
}

/** Platform access for the demo's platform administrator and county analysts, by e-mail. */
async function seedPlatformGrants(orm: MikroORM): Promise<void> {
  for (const person of DEMO_PEOPLE) {
    for (const g of person.grants) {
      if ('forbund' in g) {
        continue;
      }
      const county =
        g.role === 'COUNTY_ANALYST' && g.county ? await orm.em.fork().findOneOrFail(County, { name: g.county }) : null;
      await offerPlatformAccess(orm, {
        email: person.email,
        role: g.role,
        countyId: county?.id ?? null,
        expiresAt: DEMO_EXPIRY,
        actor: SEED_ACTOR,
      });
    }
  }
}
