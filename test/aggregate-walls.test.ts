/**
 * Done means: the reads the database sums or picks for us (`em.execute`: budget usage, the
 * calendar) are held by both tenancy walls, each alone — the tenant filter's condition in the SQL
 * (`tenantCondition`), and row-level security on the fork's transaction — and the same probe,
 * aimed at the caller's own förbund, finds the rows (so it can fail).
 */

import { forbundUsage, usageFor } from '@finsam/finance/schema/BudgetUsage.js';
import { database as financeDatabase } from '@finsam/finance/server.js';
import { nextMeetings } from '@finsam/governance/schema/Calendar.js';
import { database as governanceDatabase } from '@finsam/governance/server.js';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { openOrm, sqlParameters } from '@finsam/kit/database.js';
import { identityFromClaims } from '@finsam/kit/identity.js';
import { forkForTenant, TENANT_FILTER, tenantCondition } from '@finsam/kit/tenant.js';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { DEMO_INTERVENTION_IDS, NORRA, startTestPlatform, type TestPlatform, VASTERAS } from './support/platform.js';

const { HALLSTAHAMMAR, SALA } = DEMO_INTERVENTION_IDS;

let p: TestPlatform;
const owners: Record<string, MikroORM> = {};
beforeAll(async () => {
  p = await startTestPlatform();
  owners.finance = await openOrm({ connection: p.databases.finance!.owner, ...financeDatabase, poolMax: 2 });
  owners.governance = await openOrm({ connection: p.databases.governance!.owner, ...governanceDatabase, poolMax: 2 });
});
afterAll(async () => {
  for (const orm of Object.values(owners)) {
    await orm.close(true);
  }
  await p.close();
});

const adminOf = (tenant: string) => identityFromClaims({ sub: 'admin', tenant, roles: ['forbund_admin'] });

/** A request context as the subgraph makes one (filter params + RLS session), on any ORM. */
function contextFor(orm: MikroORM, tenant: string, { filter = true } = {}): SubgraphContext {
  const em = forkForTenant(orm.em as EntityManager, tenant);
  // The filter "down": its parameters say every tenant, while the RLS session still says `tenant`.
  if (!filter) {
    em.setFilterParams(TENANT_FILTER, { allTenants: true });
  }
  return { em, identity: adminOf(tenant) } as unknown as SubgraphContext;
}

const app = (name: string) => p.orms[name] as MikroORM;
const used = async (ctx: SubgraphContext) =>
  (await usageFor(ctx, [HALLSTAHAMMAR, SALA], 2021)).map((u) => u.used + u.allocated);
const meetings = (ctx: SubgraphContext) => nextMeetings(ctx, { interventionIds: [HALLSTAHAMMAR] }, '2021-01-01', 10);

describe('tenantCondition', () => {
  it('says what the filter says: one tenant, all tenants for cross-tenant readers, throws without a tenant', () => {
    const { bind, build } = sqlParameters();
    const em = forkForTenant(app('finance').em as EntityManager, NORRA.id);
    expect(build(tenantCondition(em, 'r."tenant_id"', bind))).toEqual({
      sql: 'r."tenant_id" = ?::uuid',
      params: [NORRA.id],
    });
    em.setFilterParams(TENANT_FILTER, { allTenants: true });
    expect(tenantCondition(em, 'r."tenant_id"', bind)).toBe('true');
    expect(() => tenantCondition(app('finance').em.fork() as EntityManager, 'r."tenant_id"', bind)).toThrow(
      'tenant filter used without a tenant',
    );
  });
});

describe('budget usage', () => {
  it('the filter alone (as the owner, whom RLS does not bind) keeps another förbund’s money out', async () => {
    expect(await used(contextFor(owners.finance!, VASTERAS.id))).toEqual([0n, 0n]);
    expect(await forbundUsage(contextFor(owners.finance!, VASTERAS.id), NORRA.id, 2021)).toEqual([]);
    // Control: with the filter down too, the owner sees Norra's figures.
    expect((await used(contextFor(owners.finance!, VASTERAS.id, { filter: false }))).every((n) => n > 0n)).toBe(true);
  });

  it('RLS alone (the app role, filter down) keeps another förbund’s money out', async () => {
    expect(await used(contextFor(app('finance'), VASTERAS.id, { filter: false }))).toEqual([0n, 0n]);
    expect(await forbundUsage(contextFor(app('finance'), VASTERAS.id, { filter: false }), NORRA.id, 2021)).toEqual([]);
    // Control: Norra's own request finds them.
    expect((await used(contextFor(app('finance'), NORRA.id, { filter: false }))).every((n) => n > 0n)).toBe(true);
    expect((await forbundUsage(contextFor(app('finance'), NORRA.id), NORRA.id, 2021)).length).toBe(5);
  });
});

describe('the calendar', () => {
  it('the filter alone keeps another förbund’s meetings out', async () => {
    expect(await meetings(contextFor(owners.governance!, VASTERAS.id))).toEqual([]);
    expect((await meetings(contextFor(owners.governance!, VASTERAS.id, { filter: false }))).length).toBeGreaterThan(0);
  });

  it('RLS alone keeps another förbund’s meetings out', async () => {
    expect(await meetings(contextFor(app('governance'), VASTERAS.id, { filter: false }))).toEqual([]);
    expect((await meetings(contextFor(app('governance'), NORRA.id, { filter: false }))).length).toBeGreaterThan(0);
  });
});
