/**
 * Request ids through the real gateway: the client's (when sane) or one the gateway makes, returned in
 * the `x-request-id` header and in every error's extensions, carried to the subgraphs (their audit
 * rows name it), and written on the log lines of an internal error in the subgraph and the gateway.
 */
import { logLinesOf } from './support/logs.js';
import { DEMO_INTERVENTION_IDS, NORRA, startTestPlatform, type TestPlatform } from './support/platform.js';

let p: TestPlatform;
let salaStaff: string;
beforeAll(async () => {
  p = await startTestPlatform();
  salaStaff = await p.tokenFor({
    name: 'reqid-staff',
    description: 'staff',
    roles: ['staff'],
    tenant: NORRA.id,
    interventions: [DEMO_INTERVENTION_IDS.SALA],
  });
});
afterAll(() => p.close());

/** POSTs to the gateway and keeps the response header `gql` does not return. */
async function send(query: string, headers: Record<string, string> = {}) {
  const res = await fetch(p.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  const body = (await res.json()) as { data?: any; errors?: { extensions?: Record<string, unknown> }[] };
  return { requestId: res.headers.get('x-request-id'), ...body };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request ids', () => {
  it("returns the client's id in the header and in every error's extensions", async () => {
    const res = await send('{ me { userId } nope }', { 'x-request-id': 'client-id_1.A' });
    expect(res.requestId).toBe('client-id_1.A');
    expect(res.errors?.length).toBeGreaterThan(0);
    for (const error of res.errors ?? []) {
      expect(error.extensions?.requestId).toBe('client-id_1.A');
    }
  });

  it('puts the id in the error of a request refused before it ran (no valid token)', async () => {
    const res = await send('{ me { userId } }', { authorization: 'Bearer not-a-token', 'x-request-id': 'refused-1' });
    expect(res.requestId).toBe('refused-1');
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', requestId: 'refused-1' });
  });

  it.each([
    ['too long', 'x'.repeat(65)],
    ['with a space', 'a b'],
    ['with a newline escape', 'a%0Ab'],
    ['with a slash', 'a/b'],
    ['empty', ''],
  ])('replaces an id %s with one the gateway makes', async (_what, id) => {
    const res = await send('{ nope }', { 'x-request-id': id });
    expect(res.requestId).toMatch(UUID);
    expect(res.errors?.[0]?.extensions?.requestId).toBe(res.requestId);
  });

  it('makes an id when the client sends none, a new one each request', async () => {
    const [a, b] = await Promise.all([send('{ nope }'), send('{ nope }')]);
    expect(a.requestId).toMatch(UUID);
    expect(b.requestId).toMatch(UUID);
    expect(a.requestId).not.toBe(b.requestId);
  });

  it("reaches the subgraph: the audit rows of the request's identifying reads carry it", async () => {
    const id = `audit-${Date.now()}`;
    const res = await send(
      `{ participations(interventionId: "${DEMO_INTERVENTION_IDS.SALA}", first: 2) {
        edges { node { person { personnummer } } } } }`,
      { authorization: `Bearer ${salaStaff}`, 'x-request-id': id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.participations.edges.length).toBeGreaterThan(0);
    const rows = await p.rows('participants', 'select request_id from audit_entry where request_id = $1', [id]);
    expect(rows.length).toBe(res.data.participations.edges.length);
  });

  it('logs an internal error with the request id, in the subgraph where it happened and in the gateway', async () => {
    const token = await p.token('norra-vastmanland-admin');
    const id = 'internal-error-1';
    let res: Awaited<ReturnType<typeof send>> | undefined;
    // teams loses its intervention table: a failure that is the server's, not the client's.
    await p.asSuperuser('teams', (c) => c.query('alter table intervention rename to intervention_away'));
    let lines: Record<string, any>[];
    try {
      lines = await logLinesOf(async () => {
        res = await send('{ forbund { interventions { id name } } }', {
          authorization: `Bearer ${token}`,
          'x-request-id': id,
        });
      });
    } finally {
      await p.asSuperuser('teams', (c) => c.query('alter table intervention_away rename to intervention'));
    }
    expect(res?.requestId).toBe(id);
    expect(res?.errors?.[0]?.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', requestId: id });

    const errors = lines.filter((l) => l.level === 'error' && l.requestId === id);
    expect(errors).toContainEqual(
      expect.objectContaining({ service: 'teams', msg: expect.stringMatching(/intervention/) }),
    );
    expect(errors).toContainEqual(expect.objectContaining({ service: 'gateway', serviceName: 'teams' }));
    // Once in each: one line per service for the one error.
    expect(errors.filter((l) => l.service === 'teams')).toHaveLength(1);
    expect(errors.filter((l) => l.service === 'gateway')).toHaveLength(1);
    for (const line of errors) {
      expect(line).toEqual(
        expect.objectContaining({ time: expect.any(String), level: 'error', msg: expect.any(String) }),
      );
    }

    // The platform answers again once the table is back, under a new id: nothing of the failure stays.
    const after = await send('{ forbund { interventions { id } } }', { authorization: `Bearer ${token}` });
    expect(after.errors).toBeUndefined();
  });

  it('does not log user errors', async () => {
    const lines = await logLinesOf(async () => {
      await send('{ nope }', { 'x-request-id': 'user-error-1' });
      await send('{ me { userId } }', { authorization: 'Bearer not-a-token', 'x-request-id': 'user-error-1' });
    });
    expect(lines.filter((l) => l.requestId === 'user-error-1' && l.level === 'error')).toEqual([]);
  });
});
