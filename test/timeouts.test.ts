/**
 * Issue 15, timeouts: a hung subgraph is an error within the gateway's subgraph timeout, and a
 * statement that runs too long is ended by PostgreSQL's statement_timeout — nothing waits minutes.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestPlatform, type TestPlatform } from './support/platform.js';

let p: TestPlatform;
const saved = process.env.DB_STATEMENT_TIMEOUT_SECONDS;
beforeAll(async () => {
  // Read when a subgraph opens its database: this platform's statements may run one second.
  process.env.DB_STATEMENT_TIMEOUT_SECONDS = '1';
  p = await startTestPlatform();
});
afterAll(async () => {
  if (saved === undefined) {
    delete process.env.DB_STATEMENT_TIMEOUT_SECONDS;
  } else {
    process.env.DB_STATEMENT_TIMEOUT_SECONDS = saved;
  }
  await p.close();
});

it('answers with an error within the subgraph timeout when a subgraph hangs', async () => {
  // Accepts the connection and never answers, like a stopped (SIGSTOP) process.
  const hung = http.createServer(() => {});
  await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
  const running = await p.extraGateway({
    subgraphUrls: { ...p.subgraphUrls, finance: `http://127.0.0.1:${(hung.address() as AddressInfo).port}/graphql` },
    subgraphTimeoutSeconds: 1,
  });
  try {
    const started = Date.now();
    const res = await p.post(running.url, '{ financialStatement(year: 2021) { allocated } }', {
      headers: { authorization: `Bearer ${await p.token('norra-vastmanland-board')}` },
    });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(res.errors?.length).toBeGreaterThan(0);
    expect(res.data?.financialStatement ?? null).toBeNull();
    // The same query with every subgraph answering: the control.
    const ok = await p.gql('{ financialStatement(year: 2021) { allocated } }', { as: 'norra-vastmanland-board' });
    expect(ok.data.financialStatement.allocated).toBeGreaterThan(0);
  } finally {
    await running.stop();
    hung.closeAllConnections();
    hung.close();
  }
});

it('ends a statement that runs past statement_timeout', async () => {
  const connection = p.orms.governance!.em.fork().getConnection();
  const started = Date.now();
  await expect(connection.execute('select pg_sleep(5)')).rejects.toThrow(/statement timeout/);
  expect(Date.now() - started).toBeLessThan(4000);
});
