/**
 * Telemetry (subgraphs/kit/src/telemetry.ts): one request's spans linked across the gateway and the
 * subgraphs it asks, SQL statements under their subgraph, a caller's `traceparent` continued;
 * Prometheus metrics at /metrics; log lines inside a traced request name the trace.
 */
import { createLogger } from '@finsam/kit/log.js';
import { startTracing, tracer } from '@finsam/kit/telemetry.js';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { DASHBOARD } from '../infra/bench/operations.js';
import { startTestPlatform, type TestPlatform } from './support/platform.js';

const exporter = new InMemorySpanExporter();
let tracing: { shutdown(): Promise<void> } | undefined;
let p: TestPlatform;
beforeAll(async () => {
  tracing = startTracing({ service: 'finsam', exporter });
  p = await startTestPlatform();
});
afterAll(async () => {
  await p.close();
  await tracing?.shutdown();
});

const service = (span: ReadableSpan) => span.attributes['finsam.service'];
const parentId = (span: ReadableSpan) => span.parentSpanContext?.spanId;

/** The spans of the trace the gateway's server span for one request started. */
async function traceOf(run: () => Promise<void>): Promise<ReadableSpan[]> {
  exporter.reset();
  await run();
  // A server span ends when its answer has been sent: give the last `finish` a moment.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const spans = exporter.getFinishedSpans();
  const root = spans.find((s) => service(s) === 'gateway');
  expect(root).toBeDefined();
  return spans.filter((s) => s.spanContext().traceId === root!.spanContext().traceId);
}

it('links one request’s spans across the gateway and the subgraphs it asks, with their SQL', async () => {
  const token = await p.token('vasteras-admin');
  const spans = await traceOf(async () => {
    const res = await p.gql(DASHBOARD, { token, variables: { year: 2026 } });
    expect(res.errors).toBeUndefined();
  });
  const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
  const gateway = spans.find((s) => service(s) === 'gateway')!;
  expect(gateway.name).toBe('gateway query Dashboard');
  expect(gateway.attributes['graphql.operation.name']).toBe('Dashboard');

  // Every subgraph server span hangs off the gateway's span: a fetch of the query plan, or a service call from
  // another subgraph's span.
  const subgraphSpans = spans.filter((s) => String(service(s)).length > 0 && service(s) !== 'gateway');
  const subgraphs = new Set(subgraphSpans.map(service));
  expect(subgraphs.size).toBeGreaterThanOrEqual(2);
  for (const span of subgraphSpans) {
    let ancestor: ReadableSpan | undefined = span;
    while (ancestor && ancestor !== gateway) {
      ancestor = byId.get(parentId(ancestor) ?? '');
    }
    expect(ancestor).toBe(gateway);
    const parent = byId.get(parentId(span) ?? '')!;
    expect(parent === gateway || subgraphSpans.includes(parent)).toBe(true);
  }
  const fetched = subgraphSpans.filter((s) => parentId(s) === gateway.spanContext().spanId);
  expect(new Set(fetched.map(service)).size).toBeGreaterThanOrEqual(2);
  // SQL statements are spans of the subgraph request that sent them.
  const sql = spans.filter((s) => s.name === 'pg.query');
  expect(sql.length).toBeGreaterThan(0);
  for (const statement of sql) {
    const parent = byId.get(parentId(statement) ?? '');
    expect(parent && service(parent)).toMatch(/^(governance|teams|finance|participants|indicators)$/);
    expect(String(statement.attributes['db.query.text'])).toMatch(/\S/);
  }
});

it('continues the trace a caller sends', async () => {
  const token = await p.token('vasteras-admin');
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const spans = await traceOf(async () => {
    const res = await p.gql('{ forbund { name } }', {
      token,
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(res.errors).toBeUndefined();
  });
  expect(spans.length).toBeGreaterThan(1);
  expect(new Set(spans.map((s) => s.spanContext().traceId))).toEqual(new Set([traceId]));
});

it('serves Prometheus metrics with per-operation latency at /metrics of the gateway and each subgraph', async () => {
  const token = await p.token('vasteras-admin');
  await p.gql('query Named { forbund { name } }', { token });
  const gateway = await (await fetch(p.gatewayUrl.replace(/\/graphql$/, '/metrics'))).text();
  expect(gateway).toMatch(/finsam_graphql_request_duration_seconds_bucket\{[^}]*service="gateway",operation="Named"/);
  expect(gateway).toMatch(/finsam_graphql_requests_total\{service="gateway",operation="Named",outcome="ok"\} [1-9]/);
  expect(gateway).toMatch(/finsam_subgraph_fetch_duration_seconds_count\{subgraph="governance",outcome="ok"\} [1-9]/);
  const governance = await (await fetch(p.subgraphUrls.governance!.replace(/\/graphql$/, '/metrics'))).text();
  expect(governance).toMatch(/finsam_db_pool_connections\{service="governance",state="idle"\} \d+/);

  const refused = await p.gql('query Broken { forbund { name } }', { token: 'not-a-token' });
  expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});

it('names the trace on every log line written inside a traced request', async () => {
  const lines: string[] = [];
  const log = createLogger('probe', 'info', { write: (line) => lines.push(line) });
  await tracer().startActiveSpan('probe', async (span) => {
    log.info('inside');
    span.end();
  });
  log.info('outside');
  const [inside, outside] = lines.map((line) => JSON.parse(line));
  expect(inside.traceId).toMatch(/^[0-9a-f]{32}$/);
  expect(inside.spanId).toMatch(/^[0-9a-f]{16}$/);
  expect(outside.traceId).toBeUndefined();
});
