/**
 * What a new installation needs before anyone can sign in: an identity provider trusted for
 * platform access, and the first platform administrator invited by e-mail (claimed at their first
 * login, like any invitation). Written as the tables' owner, outside any request: by the
 * `bootstrap` command (infra/src/bootstrap.ts) and by the demo seed.
 */
import { randomUUID } from 'node:crypto';
import { actingAs } from '@finsam/kit/tenant.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import { AccessEvent } from './entities/AccessEvent.js';
import { PlatformGrant, type PlatformRole } from './entities/PlatformGrant.js';
import { TrustedIssuer } from './entities/TrustedIssuer.js';

export interface IssuerSettings {
  issuer: string;
  audience: string;
  algorithms: string[];
  /** Its users may hold platform access. */
  platform: boolean;
}

/** Each issuer trusted for every förbund; one already registered gets the settings given now. */
export async function trustIssuers(orm: MikroORM, issuers: IssuerSettings[]): Promise<void> {
  const em = orm.em.fork();
  for (const i of issuers) {
    const existing = await em.findOne(TrustedIssuer, { issuer: i.issuer });
    const settings = { audience: i.audience, algorithms: i.algorithms, platform: i.platform, forbundIds: null };
    if (existing) {
      em.assign(existing, settings);
    } else {
      em.create(TrustedIssuer, { id: randomUUID(), issuer: i.issuer, ...settings, createdAt: new Date() });
    }
  }
  await em.flush();
}

export interface PlatformOffer {
  email: string;
  role: PlatformRole;
  countyId?: string | null;
  expiresAt: Date;
  /** Who offers it, in the access events. */
  actor: string;
}

/** Platform access offered to an e-mail address, unless that address was offered that role already. */
export async function offerPlatformAccess(orm: MikroORM, offer: PlatformOffer): Promise<boolean> {
  // The access event's actor is stamped by the database from the acting user.
  const em = actingAs(orm.em, offer.actor);
  const email = offer.email.trim().toLowerCase();
  if (await em.count(PlatformGrant, { email, role: offer.role })) {
    return false;
  }
  const now = new Date();
  const grant = em.create(PlatformGrant, {
    id: randomUUID(),
    email,
    expiresAt: offer.expiresAt,
    userId: null,
    claimedAt: null,
    role: offer.role,
    countyId: offer.countyId ?? null,
    validFrom: null,
    validTo: null,
    revokedAt: null,
    createdBy: offer.actor,
    createdAt: now,
  });
  // Written as the tables' owner, which the tenant policy does not bind: a platform event is a plain row.
  em.create(AccessEvent, {
    id: randomUUID(),
    tenantId: null,
    at: now,
    actor: offer.actor,
    action: 'PLATFORM_ACCESS_GRANTED',
    subject: `platform-grant:${grant.id}`,
    detail: { email, role: offer.role, ...(offer.countyId ? { countyId: offer.countyId } : {}) },
  });
  await em.flush();
  return true;
}

/** Trusts the operator's provider for platform access and invites the first platform administrator. */
export async function bootstrapPlatform(
  orm: MikroORM,
  { issuer, adminEmail }: { issuer: IssuerSettings; adminEmail: string },
): Promise<boolean> {
  await trustIssuers(orm, [{ ...issuer, platform: true }]);
  const aYear = new Date(Date.now() + 365 * 24 * 3600 * 1000);
  return offerPlatformAccess(orm, { email: adminEmail, role: 'PLATFORM_ADMIN', expiresAt: aYear, actor: 'bootstrap' });
}
