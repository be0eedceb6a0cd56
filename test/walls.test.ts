/**
 * Tenancy has two walls (DESIGN.md): the ORM's tenant filter and PostgreSQL row-level security.
 * Each is shown to stop a cross-tenant read on its own — at the ORM, and through the real
 * subgraph — and the probe is shown to see a leak when both are down, so it can fail.
 */

import { Forbund } from '@finsam/governance/entities/Forbund.js';
import { Member } from '@finsam/governance/entities/Member.js';
import { database } from '@finsam/governance/server.js';
import { openOrm } from '@finsam/kit/database.js';
import { identityFromClaims } from '@finsam/kit/identity.js';
import {
  forkForTenant,
  scopeToIdentity,
  TENANT_FILTER,
  TENANT_POLICIES_ONCE_PER_STATEMENT,
} from '@finsam/kit/tenant.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import { NORRA, startTestPlatform, type TestPlatform, VASTERAS } from './support/platform.js';

let p: TestPlatform;
let app: MikroORM;
let owner: MikroORM;

beforeAll(async () => {
  p = await startTestPlatform();
  app = p.orms.governance as MikroORM;
  owner = await openOrm({ connection: p.databases.governance!.owner, ...database, poolMax: 2 });
});
afterAll(async () => {
  await owner.close(true);
  await p.close();
});

const tenantsOf = (rows: { tenantId: string }[]) => [...new Set(rows.map((r) => r.tenantId))];

describe('at the ORM', () => {
  it('RLS alone: with the filter off, the app role sees only the tenant of its transaction', async () => {
    const em = forkForTenant(app.em, VASTERAS.id);
    const forbund = await em.find(Forbund, {}, { filters: false });
    const members = await em.find(Member, {}, { filters: false });
    expect(forbund.map((f) => f.id)).toEqual([VASTERAS.id]);
    expect(members).toHaveLength(VASTERAS.members.length);
    expect(tenantsOf(members)).toEqual([VASTERAS.id]);
  });

  it('RLS alone: with no tenant set, the app role sees no row at all', async () => {
    const em = app.em.fork();
    expect(await em.find(Forbund, {}, { filters: false })).toEqual([]);
    expect(await em.find(Member, {}, { filters: false })).toEqual([]);
  });

  it('filter alone: the owner (not bound by RLS) sees every row, and the filter narrows it to one tenant', async () => {
    const unfiltered = await owner.em.fork().find(Forbund, {}, { filters: false });
    expect(unfiltered).toHaveLength(3);
    const em = forkForTenant(owner.em, NORRA.id);
    const forbund = await em.find(Forbund, {});
    const members = await em.find(Member, {});
    expect(forbund.map((f) => f.id)).toEqual([NORRA.id]);
    expect(members).toHaveLength(NORRA.members.length);
    expect(tenantsOf(members)).toEqual([NORRA.id]);
  });

  const vastmanland = () =>
    identityFromClaims({ sub: 'county', tenant: null, roles: ['county_analyst'], forbunds: [VASTERAS.id, NORRA.id] });

  it('RLS alone: a county analyst’s transaction reads only the förbund of their county', async () => {
    const em = scopeToIdentity(app.em, vastmanland());
    const forbund = await em.find(Forbund, {}, { filters: false });
    expect(forbund.map((f) => f.id).sort()).toEqual([VASTERAS.id, NORRA.id].sort());
    // A national analyst (no county) reads every förbund: the control that the county is what narrows.
    const national = scopeToIdentity(app.em, identityFromClaims({ sub: 'n', tenant: null, roles: ['county_analyst'] }));
    expect(await national.find(Forbund, {}, { filters: false })).toHaveLength(3);
  });

  it('filter alone: for the owner (not bound by RLS) the filter narrows a county analyst to their county', async () => {
    const em = scopeToIdentity(owner.em, vastmanland());
    const members = await em.find(Member, {});
    expect(tenantsOf(members).sort()).toEqual([VASTERAS.id, NORRA.id].sort());
  });

  it('the filter fails closed: a fork without tenant parameters throws', async () => {
    await expect(app.em.fork().find(Forbund, {})).rejects.toThrow(
      `No arguments provided for filter '${TENANT_FILTER}'`,
    );
  });

  it('RLS refuses a row written for another tenant', async () => {
    const em = forkForTenant(app.em, VASTERAS.id);
    const norra = await owner.em.fork().findOneOrFail(Forbund, { id: NORRA.id }, { filters: false });
    em.create(Member, {
      id: crypto.randomUUID(),
      tenantId: NORRA.id,
      forbund: em.getReference(Forbund, norra.id),
      kind: 'KOMMUN',
      name: 'Intrång',
      scbCode: '1980',
      shareBasisPoints: 1,
      position: 99,
    });
    await expect(em.flush()).rejects.toThrow(/row-level security/);
    expect(await owner.em.fork().count(Member, { name: 'Intrång' }, { filters: false })).toBe(0);
  });

  it('cross-tenant readers read every tenant but cannot write', async () => {
    const analyst = identityFromClaims({ sub: 'analyst', tenant: null, roles: ['county_analyst'] });
    const em = scopeToIdentity(app.em, analyst);
    expect(await em.count(Forbund, {})).toBe(3);
    // An update finds no row it may change (RLS filters it out of UPDATE)…
    const f = await em.findOneOrFail(Forbund, { id: VASTERAS.id });
    f.name = 'Changed by an analyst';
    await em.flush();
    expect((await owner.em.fork().findOneOrFail(Forbund, { id: VASTERAS.id }, { filters: false })).name).toBe(
      VASTERAS.name,
    );
    // …and an insert is refused outright.
    const insert = scopeToIdentity(app.em, analyst);
    insert.create(Forbund, {
      id: crypto.randomUUID(),
      tenantId: crypto.randomUUID(),
      name: 'Analyst förbund',
      slug: 'analyst',
      organisationNumber: '222000-0042',
    });
    await expect(insert.flush()).rejects.toThrow(/row-level security/);
  });
});

describe('every subgraph database', () => {
  it('has row-level security with both policies on each table with a tenant_id, owned by the owner role', async () => {
    for (const [name, db] of Object.entries(p.databases)) {
      await p.asSuperuser(name, async (client) => {
        const { rows } = await client.query(`
          select c.relname as table, c.relrowsecurity as rls, count(pol.polname)::int as policies,
                 pg_get_userbyid(c.relowner) as owner
          from pg_class c
          join information_schema.columns col
            on col.table_name = c.relname and col.column_name = 'tenant_id' and col.table_schema = 'public'
          left join pg_policy pol on pol.polrelid = c.oid
          where c.relkind = 'r'
          group by c.relname, c.relrowsecurity, c.relowner`);
        expect(rows.length).toBeGreaterThan(0);
        // Owned by the owner role, never by the role the subgraph connects as (owners skip RLS).
        for (const row of rows) {
          expect({ db: name, ...row }).toEqual({
            db: name,
            table: row.table,
            rls: true,
            policies: 2,
            owner: db.owner.user,
          });
        }
        // The session settings are read once per statement (a subquery), not once per row.
        const { rows: perRow } = await client.query(`select tablename, policyname, qual from pg_policies
          where schemaname = 'public' and qual ~ 'current_setting' and qual !~ 'SELECT'`);
        expect({ db: name, perRow }).toEqual({ db: name, perRow: [] });
      });
    }
  });

  it('migrates policies made the old way (settings read per row) to the once-per-statement form', async () => {
    await p.asSuperuser('teams', async (client) => {
      try {
        await client.query(`create table "policy_probe" ("tenant_id" uuid not null)`);
        await client.query(`alter table "policy_probe" enable row level security`);
        await client.query(`create policy "policy_probe_tenant_isolation" on "policy_probe" for all
          using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
          with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)`);
        await client.query(
          `create policy "policy_probe_cross_tenant_read" on "policy_probe" for select ` +
            `using (current_setting('app.cross_tenant', true) = 'read')`,
        );
        const forms = async () =>
          (
            await client.query(
              `select policyname, qual ~ 'SELECT' as once from pg_policies where tablename = 'policy_probe' order by 1`,
            )
          ).rows;
        expect(await forms()).toEqual([
          { policyname: 'policy_probe_cross_tenant_read', once: false },
          { policyname: 'policy_probe_tenant_isolation', once: false },
        ]);
        await client.query(TENANT_POLICIES_ONCE_PER_STATEMENT);
        expect(await forms()).toEqual([
          { policyname: 'policy_probe_cross_tenant_read', once: true },
          { policyname: 'policy_probe_tenant_isolation', once: true },
        ]);
      } finally {
        await client.query(`drop table if exists "policy_probe"`);
      }
    });
  });
});

describe('through the subgraph', () => {
  const ENTITIES = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Forbund { id name } } }`;

  /** Asks governance, as Västerås' admin, for Norra's förbund by entity reference. */
  async function probeNorra() {
    const token = await p.internalToken(
      { sub: 'demo:vasteras-admin', tenant: VASTERAS.id, roles: ['forbund_admin'] },
      'governance',
    );
    const res = await p.post(p.subgraphUrls.governance!, ENTITIES, {
      headers: { authorization: `Bearer ${token}` },
      variables: { reps: [{ __typename: 'Forbund', id: NORRA.id }] },
    });
    return res.data?._entities?.[0] ?? null;
  }

  function setFilter(on: boolean) {
    for (const meta of app.getMetadata().getAll().values()) {
      if (meta.filters[TENANT_FILTER]) {
        meta.filters[TENANT_FILTER].default = on;
      }
    }
  }

  async function setRls(on: boolean) {
    await p.asSuperuser('governance', async (client) => {
      for (const table of ['forbund', 'forbund_member']) {
        await client.query(`alter table ${table} ${on ? 'enable' : 'disable'} row level security`);
      }
    });
  }

  afterEach(async () => {
    setFilter(true);
    await setRls(true);
  });

  it('with both walls up, Norra is not found', async () => {
    expect(await probeNorra()).toBeNull();
  });

  it('with the filter off, RLS alone keeps Norra out', async () => {
    setFilter(false);
    expect(await probeNorra()).toBeNull();
  });

  it('with RLS off, the filter alone keeps Norra out', async () => {
    await setRls(false);
    expect(await probeNorra()).toBeNull();
  });

  it('with both off, the probe does see Norra (so the probe can fail)', async () => {
    setFilter(false);
    await setRls(false);
    expect(await probeNorra()).toEqual({ id: NORRA.id, name: NORRA.name });
  });
});
