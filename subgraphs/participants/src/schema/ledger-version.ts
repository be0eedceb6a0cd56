/**
 * Each förbund's ledger version (`participation_ledger_version`, bumped by triggers in the transaction
 * that changes what the year reports count: migrations `LedgerVersion` and `ProfileVersion`), and what
 * the subgraph keeps in process memory under it: the published years (ForbundYear.ts) and the period
 * profiles (Profile.ts). A request reads the versions of the förbund it asks about once (one statement,
 * one small row per förbund) and answers from what is kept when they match.
 */

import type { SubgraphContext } from '@finsam/kit/context.js';
import { pgArray } from '@finsam/kit/database.js';
import { tenantSql } from '@finsam/kit/tenant.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';

/** As PostgreSQL writes a uuid: a key may spell it in capitals (a county report's argument). */
export const tenantKey = (forbundId: string) => forbundId.toLowerCase();

/**
 * The versions of `tenants` (every förbund the caller may read with `'every'`), by förbund: none for a
 * förbund without a ledger, or whose row the caller may not read (row-level security, the tenant condition).
 */
export async function readLedgerVersions(em: EntityManager, tenants: readonly string[] | 'every') {
  const { bind, build, tenant } = tenantSql(em);
  const { sql, params } = build(`
select v."tenant_id", v."version"::text as version from "participation_ledger_version" v
where ${tenant('v')}${tenants === 'every' ? '' : ` and v."tenant_id" = any(${bind(pgArray([...tenants]))}::uuid[])`}
order by v."tenant_id"`);
  const rows = await em.execute<{ tenant_id: string; version: string }[]>(sql, params);
  return new Map(rows.map((r) => [r.tenant_id, r.version]));
}

/** The versions a request reads, once for all its förbund, whichever part (years, profiles) asks first. */
export const ledgerVersions = createContextCache(
  (ctx: SubgraphContext) =>
    new DataLoader<string, string | undefined, string>(
      async (tenants) => {
        const versions = await readLedgerVersions(ctx.em, tenants.map(tenantKey));
        return tenants.map((t) => versions.get(tenantKey(t)));
      },
      { cacheKeyFn: tenantKey },
    ),
);

/** The versions of `tenants` as this request read them (one statement for the request, the first time). */
export async function versionsOf(ctx: SubgraphContext, tenants: readonly string[]) {
  const read = await ledgerVersions(ctx).loadMany(tenants);
  const failed = read.find((v) => v instanceof Error);
  if (failed) {
    throw failed;
  }
  return new Map(tenants.map((t, i) => [tenantKey(t), read[i] as string | undefined]));
}

/**
 * Values kept per förbund under the ledger version they were computed from, at most `bound` förbund,
 * the least recently used dropped first. Every instance keeps its own and checks the version PostgreSQL
 * holds, so none answers from a ledger older than the one it can read, however many instances there are.
 */
export class KeptByVersion<T> {
  private readonly entries = new Map<string, { version: string; value: T }>();

  constructor(readonly bound: number) {}

  /** What is kept for the förbund, whatever its version (a caller may reuse parts of an older one). */
  peek(tenant: string): { version: string; value: T } | undefined {
    const entry = this.entries.get(tenant);
    if (entry) {
      this.entries.delete(tenant);
      this.entries.set(tenant, entry);
    }
    return entry;
  }

  /** The value kept for the förbund if it was computed from `version`. */
  at(tenant: string, version: string | undefined): T | undefined {
    const entry = this.peek(tenant);
    return entry && version !== undefined && entry.version === version ? entry.value : undefined;
  }

  /**
   * Keeps `value` as the förbund's at `version`, unless what is kept is newer (a snapshot taken before
   * another request's): that answer is given, not kept.
   */
  keep(tenant: string, version: string, value: T): void {
    const entry = this.entries.get(tenant);
    if (entry && BigInt(version) < BigInt(entry.version)) {
      return;
    }
    this.entries.delete(tenant);
    this.entries.set(tenant, { version, value });
    if (this.entries.size > this.bound) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }
}
