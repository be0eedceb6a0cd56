/**
 * The request context every subgraph resolver sees. Built only from the gateway's internal
 * token: no client header, argument or body field can choose the identity or the tenant.
 */
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { unauthenticated } from './errors.js';
import type { Identity } from './identity.js';
import { type InternalCaller, type InternalTrust, internalVerifier } from './internal-token.js';
import { createLogger, type Logger } from './log.js';
import { type ServiceClient, type ServiceConfig, serviceClientFactory } from './service-client.js';
import { scopeToIdentity } from './tenant.js';

export interface SubgraphContext {
  identity: Identity;
  /**
   * The subgraph that sent this request as a service call, or null when the gateway sent it: a
   * service call may ask only for what `SERVICE_CALLS` lets that subgraph ask (server.ts checks).
   */
  serviceCaller: string | null;
  /** A fork scoped to the caller's tenant (filter + RLS session); fresh per request. */
  em: EntityManager;
  /** Other subgraphs, asked on the caller's behalf. */
  services: ServiceClient;
  /**
   * Identifies this request in logs and audit rows: the gateway's (`x-request-id`), the same in every
   * subgraph the request reaches.
   */
  requestId: string;
  /** This subgraph's logger, writing `requestId` on every line. */
  log: Logger;
  /** The subgraph's own secrets (configuration, never from the request). */
  secrets: Record<string, string>;
}

export interface ContextFactoryOptions {
  orm: MikroORM;
  /** The subgraph's own name: the only audience it accepts. */
  audience: string;
  trust: InternalTrust;
  service: ServiceConfig;
  secrets?: Record<string, string>;
}

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

export async function contextFactory({ orm, audience, trust, service, secrets = {} }: ContextFactoryOptions) {
  const verify = await internalVerifier(trust, audience);
  const services = await serviceClientFactory(service);
  const log = createLogger(audience);
  return async (authorization: string | undefined, requestId: string): Promise<SubgraphContext> => {
    const match = authorization ? BEARER.exec(authorization) : null;
    if (!match) {
      throw unauthenticated('This service only answers the gateway');
    }
    let caller: InternalCaller;
    try {
      caller = await verify(match[1]!);
    } catch {
      throw unauthenticated('This service only answers the gateway');
    }
    const { identity } = caller;
    return {
      identity,
      serviceCaller: caller.service,
      em: scopeToIdentity(orm.em as EntityManager, identity),
      services: services(identity, requestId),
      requestId,
      log: log.child({ requestId }),
      secrets,
    };
  };
}
