/**
 * Traces and metrics, the same in the gateway and every subgraph.
 *
 * Traces (OpenTelemetry) are off unless asked for: `OTEL_EXPORTER_OTLP_ENDPOINT` (the OTLP/HTTP
 * collector, e.g. http://otel-collector:4318) or an exporter passed in (a test's in-memory one).
 * When on: the gateway continues a caller's W3C `traceparent` or starts a trace, @apollo/gateway adds
 * its plan and fetch spans, each subgraph fetch carries the trace on (`injectTraceContext`), and a
 * subgraph continues it with a server span, an operation span and a span per SQL statement; service
 * calls between subgraphs carry it the same way. Off, nothing is patched and no span is made.
 *
 * Metrics (Prometheus, prom-client) are always kept and served at `/metrics`: requests, errors by
 * code and latency per operation, the gateway's subgraph fetches, each database pool.
 */
import { createRequire } from 'node:module';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { context, propagation, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import type { Response as ExpressResponse } from 'express';
import pg from 'pg';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

const TRACER = 'finsam';
/** SQL text in a span is cut here: enough to know the statement, never its parameters (they are not recorded). */
const MAX_STATEMENT = 2_000;

let provider: TracerProvider | undefined;

export interface TelemetryOptions {
  /** The process's service name (`service.name`): `gateway`, a subgraph's name, or `finsam` for all in one. */
  service: string;
  /** Where spans go; default: OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set, else tracing stays off. */
  exporter?: SpanExporter;
}

/**
 * Turns tracing on for this process, once (later calls return the first's handle). Returns undefined
 * when there is nowhere to send spans: then nothing is traced.
 */
export function startTracing(options: TelemetryOptions): { shutdown(): Promise<void> } | undefined {
  if (provider) {
    return { shutdown: stopTracing };
  }
  const exporter = options.exporter ?? (process.env.OTEL_EXPORTER_OTLP_ENDPOINT ? new OTLPTraceExporter() : undefined);
  if (!exporter) {
    return undefined;
  }
  // A test's exporter is read right after the request; a collector gets batches.
  const processor: SpanProcessor = options.exporter
    ? new SimpleSpanProcessor({ exporter })
    : new BatchSpanProcessor({ exporter });
  provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.service }),
    spanProcessors: [processor],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  traceSqlStatements();
  return { shutdown: stopTracing };
}

async function stopTracing(): Promise<void> {
  const current = provider;
  provider = undefined;
  await current?.shutdown();
  trace.disable();
  propagation.disable();
  context.disable();
}

export const tracer = () => trace.getTracer(TRACER);

/** The active trace's ids, for log lines; none outside a traced request. */
export function activeTraceIds(): { traceId: string; spanId: string } | undefined {
  const span = trace.getSpan(context.active());
  const ids = span?.spanContext();
  return ids && trace.isSpanContextValid(ids) ? { traceId: ids.traceId, spanId: ids.spanId } : undefined;
}

/** Writes the active trace into outgoing headers (`traceparent`), for a subgraph fetch or a service call. */
export function injectTraceContext(set: (name: string, value: string) => void): void {
  propagation.inject(context.active(), undefined, { set: (_carrier, name, value) => set(name, value) });
}

/**
 * Runs `fn` inside a server span that continues the caller's trace (its `traceparent`), ending it when
 * the response has been sent. Without tracing this only calls `fn`.
 */
export function serverSpan(
  name: string,
  headers: Record<string, string | string[] | undefined>,
  attributes: Record<string, string>,
  fn: (span: Span | undefined) => void,
): void {
  if (!provider) {
    fn(undefined);
    return;
  }
  const parent = propagation.extract(context.active(), headers, {
    get: (carrier, key) => carrier[key],
    keys: (carrier) => Object.keys(carrier),
  });
  tracer().startActiveSpan(name, { kind: SpanKind.SERVER, attributes }, parent, fn);
}

/** Ends a span with the outcome of what it covered. */
export function endSpan(span: Span | undefined, error?: unknown): void {
  if (!span) {
    return;
  }
  if (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}

/** A SQL statement as pg's Client was asked to send it: the bench replays these (its SQL floor). */
export interface RecordedStatement {
  /** The database the client is connected to. */
  database: string;
  /** Which client of this process sent it (numbered in order of first use): a transaction is one client's. */
  connection: number;
  text: string;
  /** The parameters as pg sends them (text, or null); bytea as `\\x…` hex. */
  values: (string | null)[];
}

let recording: RecordedStatement[] | undefined;
const clientNumbers = new WeakMap<object, number>();
let clientsNumbered = 0;

/**
 * Records every SQL statement this process sends, with its parameters, until the returned `stop()`,
 * which hands them over in the order sent. For the benchmark's SQL floor and its test only: it keeps
 * parameter values, which are never logged or traced.
 */
export function recordSqlStatements(): { stop(): RecordedStatement[] } {
  traceSqlStatements();
  const recorded: RecordedStatement[] = [];
  recording = recorded;
  return {
    stop() {
      if (recording === recorded) {
        recording = undefined;
      }
      return recorded;
    },
  };
}

const prepareValue = createRequire(import.meta.url)('pg/lib/utils.js').prepareValue as (value: unknown) => unknown;

function record(client: object, args: unknown[]): void {
  const [config, second] = args;
  const { text, values } =
    typeof config === 'string'
      ? { text: config, values: Array.isArray(second) ? second : [] }
      : (config as { text: string; values?: unknown[] });
  if (!clientNumbers.has(client)) {
    clientNumbers.set(client, clientsNumbered++);
  }
  recording!.push({
    database: (client as { database?: string }).database ?? '',
    connection: clientNumbers.get(client)!,
    text,
    values: (values ?? []).map((value) => {
      const prepared = prepareValue(value);
      return Buffer.isBuffer(prepared) ? `\\x${prepared.toString('hex')}` : (prepared as string | null);
    }),
  });
}

/**
 * One client span per SQL statement inside a traced request, on pg's Client (MikroORM and raw SQL both
 * go through it). Outside a traced request, and with tracing off, statements run as they are (and are
 * recorded while `recordSqlStatements` runs).
 */
function traceSqlStatements(): void {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown; __finsamTraced?: true };
  if (proto.__finsamTraced) {
    return;
  }
  const original = proto.query;
  proto.__finsamTraced = true;
  proto.query = function tracedQuery(this: unknown, ...args: unknown[]) {
    if (recording) {
      record(this as object, args);
    }
    if (!provider || !trace.getSpan(context.active())) {
      return original.apply(this, args);
    }
    const [config] = args;
    const text = typeof config === 'string' ? config : (config as { text?: string } | undefined)?.text;
    const span = tracer().startSpan('pg.query', {
      kind: SpanKind.CLIENT,
      attributes: { 'db.system.name': 'postgresql', 'db.query.text': (text ?? '').slice(0, MAX_STATEMENT) },
    });
    const callback = args.at(-1);
    if (typeof callback === 'function') {
      args[args.length - 1] = (error: unknown, ...rest: unknown[]) => {
        endSpan(span, error);
        return callback(error, ...rest);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args) as { then?: unknown } | undefined;
    if (result && typeof result.then === 'function') {
      return (result as Promise<unknown>).then(
        (value) => {
          endSpan(span);
          return value;
        },
        (error: unknown) => {
          endSpan(span, error);
          throw error;
        },
      );
    }
    // A submittable (a cursor): its rows stream later; the span marks when it was sent.
    endSpan(span);
    return result;
  };
}

/** The process's Prometheus metrics: one registry, labelled by service where several share a process. */
export const metrics = (() => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'finsam_graphql_requests_total',
    help: 'GraphQL requests answered, by service, operation and whether they had errors.',
    labelNames: ['service', 'operation', 'outcome'] as const,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'finsam_graphql_errors_total',
    help: 'GraphQL errors in answers, by service and error code.',
    labelNames: ['service', 'code'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'finsam_graphql_request_duration_seconds',
    help: 'Time from a GraphQL request to its answer, by service and operation.',
    labelNames: ['service', 'operation'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const subgraphFetches = new Histogram({
    name: 'finsam_subgraph_fetch_duration_seconds',
    help: 'The gateway’s fetches from each subgraph, by subgraph and outcome.',
    labelNames: ['subgraph', 'outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const directoryQuestions = new Counter({
    name: 'finsam_directory_questions_total',
    help: 'The gateway’s questions to the directory (resolveAccess): who a signed-in person is.',
    registers: [registry],
  });
  const pool = new Gauge({
    name: 'finsam_db_pool_connections',
    help: 'Each subgraph’s database pool: connections in use, idle, and requests waiting for one.',
    labelNames: ['service', 'state'] as const,
    registers: [registry],
  });
  const pools = new Map<string, () => Promise<{ totalCount: number; idleCount: number; waitingCount: number }>>();
  return {
    registry,
    requests,
    errors,
    latency,
    subgraphFetches,
    directoryQuestions,
    /** A subgraph's pool, read when /metrics is asked. */
    watchPool(service: string, read: () => Promise<{ totalCount: number; idleCount: number; waitingCount: number }>) {
      pools.set(service, read);
    },
    async text(): Promise<string> {
      for (const [service, read] of pools) {
        const { totalCount, idleCount, waitingCount } = await read();
        pool.set({ service, state: 'used' }, totalCount - idleCount);
        pool.set({ service, state: 'idle' }, idleCount);
        pool.set({ service, state: 'waiting' }, waitingCount);
      }
      return registry.metrics();
    },
  };
})();

const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;
const MAX_OPERATIONS = 500;
const seenOperations = new Set<string>();
/** Operation names are the client's: a bounded set of sane ones become labels, the rest `other`. */
function operationLabel(name: string | null | undefined): string {
  if (!name) {
    return 'anonymous';
  }
  if (seenOperations.has(name)) {
    return name;
  }
  if (!OPERATION_NAME.test(name) || seenOperations.size >= MAX_OPERATIONS) {
    return 'other';
  }
  seenOperations.add(name);
  return name;
}

/**
 * An Apollo Server plugin for the gateway and every subgraph: counts and times each request by
 * operation, counts errors by code, and names the request's span after its operation.
 */
export function graphqlTelemetry<T extends BaseContext>(service: string): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      const start = process.hrtime.bigint();
      const span = provider ? trace.getSpan(context.active()) : undefined;
      return {
        async didResolveOperation({ operationName, operation }) {
          if (span && operation) {
            span.setAttributes({
              'graphql.operation.type': operation.operation,
              'graphql.operation.name': operationName ?? '',
            });
            span.updateName(`${service} ${operation.operation} ${operationName ?? ''}`.trim());
          }
        },
        async willSendResponse({ response, operationName }) {
          const operation = operationLabel(operationName);
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          metrics.latency.observe({ service, operation }, Number(process.hrtime.bigint() - start) / 1e9);
          metrics.requests.inc({ service, operation, outcome: errors.length > 0 ? 'errors' : 'ok' });
          for (const error of errors) {
            const code = error.extensions?.code;
            metrics.errors.inc({ service, code: typeof code === 'string' ? code : 'NONE' });
          }
        },
      };
    },
  };
}

/** Express middleware serving the process's metrics in Prometheus' text format. */
export async function serveMetrics(_req: unknown, res: ExpressResponse): Promise<void> {
  res.setHeader('content-type', metrics.registry.contentType);
  res.send(await metrics.text());
}
