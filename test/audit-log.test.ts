/**
 * Done means (issue 16, item 5): as each database role the application or the migrations use,
 * UPDATE, DELETE and TRUNCATE on the audit logs fail; an inserted row with a forged time or actor
 * is impossible (the app role inserts only through the function, the database stamps time and actor
 * whoever inserts); `npm run audit:check` passes on untouched logs, concurrent writes included, and
 * names the first row a superuser removed or changed.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { checkAuditChain, tamperEvidentAuditLog } from '@finsam/kit/audit-log.js';
import type pg from 'pg';
import { DEMO_INTERVENTION_IDS, NORRA, startTestPlatform, type TestPlatform, VASTERAS } from './support/platform.js';

const run = promisify(execFile);

let p: TestPlatform;
let salaStaff: string;
let salaStaffId: string;
beforeAll(async () => {
  p = await startTestPlatform();
  salaStaff = await p.tokenFor({
    name: 'audit-sala-staff',
    description: 'staff',
    roles: ['staff'],
    tenant: NORRA.id,
    interventions: [DEMO_INTERVENTION_IDS.SALA],
  });
  salaStaffId = (await p.gql('{ me { userId } }', { token: salaStaff })).data.me.userId;
});
afterAll(() => p.close());

const readPersons = (first = 3, headers: Record<string, string> = {}) =>
  p.gql(
    `{ participations(interventionId: "${DEMO_INTERVENTION_IDS.SALA}", first: ${first}) {
        edges { node { id person { name } } } } }`,
    { token: salaStaff, headers },
  );

/** `npm run audit:check` against this platform's databases. */
async function auditCheck(): Promise<{ code: number; stdout: string; stderr: string }> {
  const { host, port, user, password } = p.admin;
  const url = `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}/postgres`;
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'infra/src/audit-check.ts'], {
      env: { ...process.env, DATABASE_URL: url, FINSAM_DB_PREFIX: p.dbPrefix },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

const LOGS = [
  { subgraph: 'participants', table: 'audit_entry', actor: 'user_id' },
  { subgraph: 'governance', table: 'access_event', actor: 'actor' },
] as const;

const count = async (subgraph: string, table: string) =>
  Number((await p.rows(subgraph, `select count(*) as n from ${table}`))[0].n);

describe('nobody the platform runs as changes the audit logs', () => {
  beforeAll(async () => {
    expect((await readPersons()).errors).toBeUndefined();
  });

  for (const { subgraph, table, actor } of LOGS) {
    it(`${subgraph}'s ${table}: UPDATE, DELETE and TRUNCATE fail as the app role and as the owner`, async () => {
      const before = await count(subgraph, table);
      expect(before).toBeGreaterThan(0);
      const attempts = [
        `update ${table} set ${actor} = 'someone-else', at = at - interval '1 year'`,
        `delete from ${table}`,
        `truncate ${table}`,
      ];
      const as = { app: p.asAppRole, owner: p.asOwner };
      for (const [role, connect] of Object.entries(as)) {
        await connect(subgraph, async (db: pg.Client) => {
          for (const sql of attempts) {
            await expect(
              db.query(sql).catch((e) => Promise.reject(new Error(`${role}: ${e.message}`))),
            ).rejects.toThrow(/permission denied|append-only/);
          }
        });
      }
      // The owner may grant itself the rights back: the triggers still refuse.
      await p.asOwner(subgraph, async (db) => {
        await db.query(`grant update, delete, truncate on ${table} to current_user`);
        for (const sql of attempts) {
          await expect(db.query(sql)).rejects.toThrow(/append-only/);
        }
        await db.query(`revoke update, delete, truncate on ${table} from current_user`);
      });
      expect(await count(subgraph, table)).toBe(before);
    });
  }
});

describe('time and actor are the database’s', () => {
  it('stamps an identifying read through the gateway with the reader and the time', async () => {
    const started = Date.now();
    const requestId = randomUUID();
    const res = await readPersons(2, { 'x-request-id': requestId });
    expect(res.errors).toBeUndefined();
    const rows = await p.rows('participants', 'select user_id, at from audit_entry where request_id = $1', [requestId]);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.user_id).toBe(salaStaffId);
      // now() of the request's transaction: within the request, give or take the clocks' rounding.
      expect(row.at.getTime()).toBeGreaterThanOrEqual(started - 1000);
      expect(row.at.getTime()).toBeLessThanOrEqual(Date.now());
    }
  });

  it('refuses the app role’s own inserts; its function takes no time or actor', async () => {
    const [participation] = await p.rows('participants', 'select id from participation where tenant_id = $1 limit 1', [
      NORRA.id,
    ]);
    const before = await count('participants', 'audit_entry');
    await p.asAppRole('participants', async (db) => {
      await db.query('begin');
      await db.query(`select set_config('app.tenant_id', $1, true), set_config('app.user_id', 'demo:reader', true)`, [
        NORRA.id,
      ]);
      await expect(
        db.query(
          `insert into audit_entry (id, tenant_id, at, user_id, participation_id, fields, request_id)
            values (gen_random_uuid(), $1, '2001-01-01', 'someone-else', $2, '{name}', 'forged')`,
          [NORRA.id, participation.id],
        ),
      ).rejects.toThrow(/permission denied/);
      await db.query('rollback');
      // Through the function: the time is the transaction's, the reader the transaction's.
      await db.query('begin');
      await db.query(`select set_config('app.tenant_id', $1, true), set_config('app.user_id', 'demo:reader', true)`, [
        NORRA.id,
      ]);
      await db.query(`select record_audit_reads($1::jsonb, 'through-the-function')`, [
        JSON.stringify([{ participationId: participation.id, fields: ['name'], at: '2001-01-01', userId: 'x' }]),
      ]);
      await db.query('commit');
      // Without a förbund in the transaction it refuses.
      await expect(db.query(`select record_audit_reads('[]'::jsonb, 'no-tenant')`)).rejects.toThrow(/förbund/);
    });
    const [row] = await p.rows('participants', `select user_id, at from audit_entry where request_id = $1`, [
      'through-the-function',
    ]);
    expect(row.user_id).toBe('demo:reader');
    expect(Date.now() - row.at.getTime()).toBeLessThan(60_000);
    expect(await count('participants', 'audit_entry')).toBe(before + 1);
  });

  it('stamps the owner’s direct inserts too, and refuses one with no acting user', async () => {
    const [participation] = await p.rows('participants', 'select id from participation limit 1');
    await p.asOwner('participants', async (db) => {
      const insert = (requestId: string) =>
        db.query(
          `insert into audit_entry (id, tenant_id, at, user_id, participation_id, fields, request_id)
            values (gen_random_uuid(), $1, '2001-01-01', 'someone-else', $2, '{name}', $3)`,
          [NORRA.id, participation.id, requestId],
        );
      await expect(insert('no-actor')).rejects.toThrow(/acting user/);
      await db.query('begin');
      await db.query(`select set_config('app.user_id', 'owner-test', true)`);
      await insert('owner-forged');
      await db.query('commit');
    });
    const [row] = await p.rows('participants', `select user_id, at from audit_entry where request_id = 'owner-forged'`);
    expect(row.user_id).toBe('owner-test');
    expect(row.at.getUTCFullYear()).toBeGreaterThan(2001);
  });

  it('writes access events only through the function, in the transaction’s own förbund', async () => {
    await p.asAppRole('governance', async (db) => {
      await db.query('begin');
      await db.query(`select set_config('app.tenant_id', $1, true), set_config('app.user_id', 'demo:x', true)`, [
        VASTERAS.id,
      ]);
      await expect(
        db.query(
          `insert into access_event (id, tenant_id, at, actor, action, subject, detail)
            values (gen_random_uuid(), $1, '2001-01-01', 'someone-else', 'ACCESS_GRANTED', 'grant:x', '{}')`,
          [VASTERAS.id],
        ),
      ).rejects.toThrow(/permission denied/);
      await db.query('rollback');
      await db.query('begin');
      await db.query(`select set_config('app.tenant_id', $1, true), set_config('app.user_id', 'demo:x', true)`, [
        VASTERAS.id,
      ]);
      await expect(
        db.query(`select record_access_event($1, 'ACCESS_GRANTED', 'grant:x', '{}')`, [NORRA.id]),
      ).rejects.toThrow(/förbund/);
      await db.query('rollback');
    });
  });
});

describe('a log with rows already in it', () => {
  it('is chained in the order it was written when it becomes tamper-evident, and the chain goes on', async () => {
    await p.asOwner('participants', async (db) => {
      await db.query(`create table "older_log" ("id" int primary key, "at" timestamptz not null, "who" text not null)`);
      await db.query(
        `insert into "older_log" values (2, '2020-01-02', 'b'), (1, '2020-01-01', 'a'), (3, '2020-01-03', 'c')`,
      );
      for (const sql of tamperEvidentAuditLog({ table: 'older_log', time: 'at', actor: 'who', order: '"at", "id"' })) {
        await db.query(sql);
      }
      const rows = (await db.query(`select "id", "seq", "who" from "older_log" order by "seq"`)).rows;
      expect(rows).toEqual([
        { id: 1, seq: '1', who: 'a' },
        { id: 2, seq: '2', who: 'b' },
        { id: 3, seq: '3', who: 'c' },
      ]);
      expect((await checkAuditChain(db, 'older_log')).broken).toBeNull();
      await db.query('begin');
      await db.query(`select set_config('app.user_id', 'd', true)`);
      await db.query(`insert into "older_log" ("id", "at", "who") values (4, '2001-01-01', 'forged')`);
      await db.query('commit');
      const report = await checkAuditChain(db, 'older_log');
      expect(report).toMatchObject({ rows: 4, head: { seq: 4 }, broken: null });
      expect((await db.query(`select "who" from "older_log" where "id" = 4`)).rows).toEqual([{ who: 'd' }]);
    });
  });
});

describe('npm run audit:check', () => {
  it('passes on untouched logs, after concurrent writes', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => readPersons(3)));
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    const check = await auditCheck();
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/participants audit_entry: \d+ rows, chain intact/);
    expect(check.stdout).toMatch(/governance access_event: \d+ rows, chain intact/);
  });

  it('names the first row a superuser removed or changed, and exits 1', async () => {
    const last = async (subgraph: string, table: string) =>
      Number((await p.rows(subgraph, `select max(seq) as n from ${table}`))[0].n);
    // Without the triggers (only a superuser can), the newest read disappears.
    const newest = await last('participants', 'audit_entry');
    const remove = (seq: number) =>
      p.asSuperuser('participants', async (db) => {
        await db.query(`set session_replication_role = replica`);
        await db.query('delete from audit_entry where seq = $1', [seq]);
      });
    await remove(newest);
    let check = await auditCheck();
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(`participants audit_entry: BROKEN at row ${newest}`);
    expect(check.stdout).toMatch(/governance access_event: \d+ rows, chain intact/);
    // One in the middle: the first break is named.
    await remove(3);
    check = await auditCheck();
    expect(check.stderr).toContain('participants audit_entry: BROKEN at row 3: row 3 is missing');
    // A changed actor in governance's access events.
    await p.asSuperuser('governance', async (db) => {
      await db.query(`set session_replication_role = replica`);
      await db.query(`update access_event set actor = 'someone-else' where seq = 2`);
    });
    check = await auditCheck();
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('governance access_event: BROKEN at row 2: row 2 was changed after it was written');
  });
});
