/**
 * The request context every subgraph resolver sees. Built only from the gateway's internal
 * token: no client header, argument or body field can choose the identity or the tenant.
 */
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { JWK } from 'jose';
import { internalVerifier } from './internal-token.js';
import { unauthenticated } from './errors.js';
import { scopeToIdentity } from './tenant.js';
import type { Identity } from './identity.js';

export interface SubgraphContext {
  identity: Identity;
  /** A fork scoped to the caller's tenant (filter + RLS session); fresh per request. */
  em: EntityManager;
}

export interface ContextFactoryOptions {
  orm: MikroORM;
  /** The subgraph's own name: the only audience it accepts. */
  audience: string;
  internalPublicKey: JWK;
}

const BEARER = /^Bearer ([A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)$/;

export async function contextFactory({ orm, audience, internalPublicKey }: ContextFactoryOptions) {
  const verify = await internalVerifier(internalPublicKey, audience);
  return async (authorization: string | undefined): Promise<SubgraphContext> => {
    const match = authorization ? BEARER.exec(authorization) : null;
    if (!match) throw unauthenticated('This service only answers the gateway');
    let identity: Identity;
    try {
      identity = await verify(match[1]!);
    } catch {
      throw unauthenticated('This service only answers the gateway');
    }
    return { identity, em: scopeToIdentity(orm.em as EntityManager, identity) };
  };
}
