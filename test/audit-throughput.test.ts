/**
 * Issue 23: the per-request cuts keep the audit's guarantees. Each statement of a scoped fork now
 * sends `begin` and the tenant and user settings in one round trip (kit database.ts); these tests
 * show, through the gateway, that audited reads by the staff of two förbund at once all commit with
 * their rows stamped by the right reader and förbund and an intact chain, that a read whose audit
 * insert fails returns an error and no data and leaves no row, and that a changed or removed row is
 * still found by the chain check.
 */
import { randomUUID } from 'node:crypto';
import { checkAuditChain } from '@finsam/kit/audit-log.js';
import { sqlLiteral } from '@finsam/kit/database.js';
import { DEMO_INTERVENTION_IDS, NORRA, startTestPlatform, type TestPlatform, VASTERAS } from './support/platform.js';

let p: TestPlatform;
const staff: Record<'norra' | 'vasteras', { token: string; userId: string; tenant: string; insats: string }> =
  {} as never;

beforeAll(async () => {
  p = await startTestPlatform();
  const make = async (name: string, tenant: string, insats: string) => {
    const token = await p.tokenFor({ name, description: 'staff', roles: ['staff'], tenant, interventions: [insats] });
    const userId = (await p.gql('{ me { userId } }', { token })).data.me.userId as string;
    return { token, userId, tenant, insats };
  };
  staff.norra = await make('throughput-norra-staff', NORRA.id, DEMO_INTERVENTION_IDS.SALA);
  staff.vasteras = await make('throughput-vasteras-staff', VASTERAS.id, DEMO_INTERVENTION_IDS.VASTERAS_TEAM);
});
afterAll(() => p.close());

/** Names of the first participations of the caller's insats, under a request id of our own. */
const readNames = (who: keyof typeof staff, requestId: string) =>
  p.gql(
    `{ participations(interventionId: "${staff[who].insats}", first: 3) { edges { node { id person { name } } } } }`,
    { token: staff[who].token, headers: { 'x-request-id': requestId } },
  );

const auditRows = (requestId: string) =>
  p.rows('participants', 'select tenant_id, user_id, participation_id from audit_entry where request_id = $1', [
    requestId,
  ]);

const chain = () => p.asSuperuser('participants', (db) => checkAuditChain(db, 'audit_entry'));

describe('audited reads of two förbund at once', () => {
  it('all commit, each row stamped with its reader and förbund, and the chain stays intact', async () => {
    const requests = (['norra', 'vasteras'] as const).flatMap((who) =>
      Array.from({ length: 6 }, () => ({ who, requestId: randomUUID() })),
    );
    const results = await Promise.all(requests.map(({ who, requestId }) => readNames(who, requestId)));
    for (const [n, res] of results.entries()) {
      expect(res.errors).toBeUndefined();
      const { who, requestId } = requests[n]!;
      const read = (res.data.participations.edges as { node: { id: string } }[]).map((e) => e.node.id).sort();
      expect(read.length).toBeGreaterThan(0);
      const rows = await auditRows(requestId);
      // One row per participation read, no more, no less, in the reader's förbund and with the reader.
      expect(rows.map((r) => r.participation_id).sort()).toEqual(read);
      for (const row of rows) {
        expect(row).toMatchObject({ tenant_id: staff[who].tenant, user_id: staff[who].userId });
      }
    }
    const report = await chain();
    expect(report.broken).toBeNull();
    expect(report.rows).toBe(report.head.seq);
  });
});

describe('a read whose audit cannot be written', () => {
  it('returns an error and no names, and leaves no audit row', async () => {
    const failing = randomUUID();
    const before = await chain();
    // Only a superuser can make the insert fail: refuse this one request's rows.
    await p.asSuperuser('participants', (db) =>
      db.query(`alter table audit_entry add constraint "refuse_one_request" check (request_id <> '${failing}')`),
    );
    try {
      const res = await readNames('norra', failing);
      expect(res.errors?.length).toBeGreaterThan(0);
      const nodes = (res.data?.participations?.edges ?? []) as { node: { person: { name: string | null } | null } }[];
      expect(nodes.every((e) => e.node?.person?.name == null)).toBe(true);
    } finally {
      await p.asSuperuser('participants', (db) =>
        db.query(`alter table audit_entry drop constraint "refuse_one_request"`),
      );
    }
    expect(await auditRows(failing)).toEqual([]);
    const after = await chain();
    expect(after).toMatchObject({ broken: null, head: before.head, rows: before.rows });
    // The next read is recorded again.
    const next = randomUUID();
    expect((await readNames('norra', next)).errors).toBeUndefined();
    expect((await auditRows(next)).length).toBeGreaterThan(0);
  });
});

describe('the settings sent with begin', () => {
  it('are literals PostgreSQL reads back exactly, quotes and backslashes included', async () => {
    const values = ["o'brien", 'back\\slash', "both ' and \\ and ''", 'plain'];
    const [row] = await p.rows(
      'participants',
      `select ${values.map((v, i) => `${sqlLiteral(v)} as v${i}`).join(', ')}`,
    );
    expect(Object.values(row)).toEqual(values);
  });
});

describe('the chain check after the change', () => {
  it('finds a changed row and a removed row', async () => {
    await readNames('vasteras', randomUUID());
    const { head } = await chain();
    const middle = Math.max(1, head.seq - 2);
    await p.asSuperuser('participants', async (db) => {
      await db.query(`set session_replication_role = replica`);
      await db.query(`update audit_entry set fields = '{personnummer}' where seq = $1`, [middle]);
    });
    expect((await chain()).broken).toEqual({ seq: middle, problem: `row ${middle} was changed after it was written` });
    await p.asSuperuser('participants', async (db) => {
      await db.query(`set session_replication_role = replica`);
      await db.query(`delete from audit_entry where seq = $1`, [middle - 1 || head.seq]);
    });
    expect((await chain()).broken?.problem).toMatch(/is missing|was changed|ends at row/);
  });
});
