/**
 * The load generator, in its own process (forked by run.ts, the job in the JSON file named by
 * BENCH_LOAD): autocannon against loopback for a fixed time. Each connection sends the given
 * requests in order, again and again, so a sequence of subgraph fetches runs exactly as the query
 * plan would issue them one by one. Prints a result summary as JSON on stdout.
 *
 * autocannon keeps each connection on one host, so the direct fetches of a query plan (one
 * subgraph per port) run in `sequence` mode instead: closed-loop clients on Node's fetch, each
 * timing the whole sequence as one operation. The federation tax compares both sides in this
 * mode, so the load generator's own cost is the same on each.
 *
 * `open` mode sends the realistic mix at a fixed arrival rate (open-loop.ts), latency from each
 * request's scheduled time into an HDR histogram; `floor` mode replays recorded SQL sessions
 * (floor.ts) on pg pools by closed-loop clients.
 */
import fs from 'node:fs';
import type { DatabaseConnection } from '@finsam/kit/database.js';
import autocannon from 'autocannon';
import hdr from 'hdr-histogram-js';
import { floorPool, replay, type Session } from './floor.js';
import { type ArrivalKind, arrivalTimes, runOpenLoop } from './open-loop.js';
import { seededRandom } from './stats.js';

export interface LoadRequest {
  /** Absolute in sequence mode, a path on `origin` for autocannon. */
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface ClosedLoopJob {
  mode: 'autocannon' | 'sequence';
  origin: string;
  connections: number;
  seconds: number;
  requests: LoadRequest[];
}

/** The realistic mix at `rate` requests a second: request n is `requests[n % length]`, as `tokens[token]`. */
export interface OpenLoopJob {
  mode: 'open';
  /** The gateway's URL. */
  url: string;
  rate: number;
  seconds: number;
  arrivals: ArrivalKind;
  seed: number;
  tokens: string[];
  requests: { token: number; name: string; body: string }[];
}

/** Recorded SQL sessions replayed by `connections` closed-loop clients on pools as the app role. */
export interface FloorJob {
  mode: 'floor';
  connections: number;
  seconds: number;
  databases: Record<string, DatabaseConnection>;
  sessions: Session[];
}

export type LoadJob = ClosedLoopJob | OpenLoopJob | FloorJob;

export interface LoadResult {
  requestsPerSecond: number;
  /** Operations completed in the run. */
  total: number;
  p50: number;
  p95?: number;
  p99: number;
  errors: number;
  non2xx: number;
  maxRssKb: number;
  /** Open loop: answers the gateway's response cache served (they carry an `age` header). */
  hits?: number;
  /** Open loop: per page kind, requests, errors and latency percentiles (ms). */
  byName?: Record<string, { total: number; errors: number; p50: number; p95: number }>;
  /** Open loop: how late the generator's latest send left (ms); latencies include it. */
  maxSendLagMs?: number;
  /** Open loop: errors by page and kind (HTTP status, GraphQL code and message, typed error, network). */
  errorKinds?: Record<string, number>;
}

const LOOPBACK = /^http:\/\/127\.0\.0\.1:\d+(\/|$)/;

async function runAutocannon(job: ClosedLoopJob): Promise<LoadResult> {
  const result = await autocannon({
    url: job.origin,
    connections: job.connections,
    duration: job.seconds,
    requests: job.requests.map((r) => ({
      method: 'POST',
      path: r.path,
      headers: { 'content-type': 'application/json', ...r.headers },
      body: r.body,
    })),
  });
  return {
    requestsPerSecond: result.requests.mean,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    maxRssKb: process.resourceUsage().maxRSS,
  };
}

async function runSequences(job: ClosedLoopJob): Promise<LoadResult> {
  const times: number[] = [];
  let errors = 0;
  let non2xx = 0;
  const end = performance.now() + job.seconds * 1000;
  const client = async () => {
    while (performance.now() < end) {
      const start = performance.now();
      for (const r of job.requests) {
        try {
          const res = await fetch(r.path, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...r.headers },
            body: r.body,
          });
          const body = (await res.json()) as { errors?: unknown };
          if (!res.ok) {
            non2xx++;
          } else if (body.errors) {
            errors++;
          }
        } catch {
          errors++;
        }
      }
      times.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: job.connections }, client));
  return closedLoopResult(times, job.seconds, errors, non2xx);
}

/** A closed-loop run's result from its request times (ms), whatever the clients sent. */
function closedLoopResult(times: number[], seconds: number, errors: number, non2xx: number): LoadResult {
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  return {
    requestsPerSecond: times.length / seconds,
    total: times.length,
    p50: at(0.5),
    p99: at(0.99),
    errors,
    non2xx,
    maxRssKb: process.resourceUsage().maxRSS,
  };
}

/** Latency in µs, up to two minutes, three significant digits. */
const latencyHistogram = () =>
  hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 });
const percentileMs = (h: hdr.Histogram, q: number) => (h.totalCount ? h.getValueAtPercentile(q) / 1000 : NaN);

async function runOpenLoopJob(job: OpenLoopJob): Promise<LoadResult> {
  const offsets = arrivalTimes(job.rate, job.seconds, job.arrivals, seededRandom(job.seed));
  const all = latencyHistogram();
  const byName = new Map<string, { histogram: hdr.Histogram; total: number; errors: number }>();
  let errors = 0;
  let non2xx = 0;
  let hits = 0;
  const send = async (i: number) => {
    const r = job.requests[i % job.requests.length]!;
    const res = await fetch(job.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${job.tokens[r.token]!}` },
      body: r.body,
      // An answer later than this counts as an error (and its latency as this long).
      signal: AbortSignal.timeout(60_000),
    });
    const body = (await res.json()) as {
      errors?: { message: string; extensions?: { code?: string } }[];
      data?: Record<string, { __typename?: string } | null>;
    };
    // A mutation's typed error (its payload not …Success) is an error too.
    const typedError = Object.values(body.data ?? {}).find(
      (v) => typeof v?.__typename === 'string' && !v.__typename.endsWith('Success'),
    )?.__typename;
    const first = body.errors?.[0];
    const problem = first ? `${first.extensions?.code ?? 'NO CODE'}: ${first.message.slice(0, 120)}` : typedError;
    return { status: res.status, problem, hit: res.headers.has('age') };
  };
  /** What went wrong, by page and kind, for the log: a count of errors says little on its own. */
  const errorKinds: Record<string, number> = {};
  const failed = (name: string, kind: string) => {
    const key = `${name} · ${kind}`;
    errorKinds[key] = (errorKinds[key] ?? 0) + 1;
  };
  const run = await runOpenLoop(
    offsets,
    send,
    (i, latencyMs, outcome) => {
      const name = job.requests[i % job.requests.length]!.name;
      let entry = byName.get(name);
      if (!entry) {
        entry = { histogram: latencyHistogram(), total: 0, errors: 0 };
        byName.set(name, entry);
      }
      const micros = Math.max(1, Math.round(latencyMs * 1000));
      all.recordValue(micros);
      entry.histogram.recordValue(micros);
      entry.total++;
      if ('error' in outcome) {
        errors++;
        entry.errors++;
        failed(name, (outcome.error as Error).message);
      } else if (outcome.result.status !== 200) {
        non2xx++;
        entry.errors++;
        failed(name, `HTTP ${outcome.result.status} ${outcome.result.problem ?? ''}`);
      } else if (outcome.result.problem) {
        errors++;
        entry.errors++;
        failed(name, outcome.result.problem);
      } else if (outcome.result.hit) {
        hits++;
      }
    },
    { now: () => performance.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
  );
  return {
    requestsPerSecond: run.sent / job.seconds,
    total: run.sent,
    p50: percentileMs(all, 50),
    p95: percentileMs(all, 95),
    p99: percentileMs(all, 99),
    errors,
    non2xx,
    hits,
    byName: Object.fromEntries(
      [...byName].map(([name, e]) => [
        name,
        { total: e.total, errors: e.errors, p50: percentileMs(e.histogram, 50), p95: percentileMs(e.histogram, 95) },
      ]),
    ),
    maxSendLagMs: run.maxSendLagMs,
    errorKinds,
    maxRssKb: process.resourceUsage().maxRSS,
  };
}

async function runFloor(job: FloorJob): Promise<LoadResult> {
  const pools = new Map(
    Object.entries(job.databases).map(([database, c]) => [database, floorPool(c, job.connections)]),
  );
  const times: number[] = [];
  let errors = 0;
  try {
    // Warm: one connection per client and database, so connecting is not measured.
    await Promise.all(Array.from({ length: job.connections }, () => replay(pools, job.sessions)));
    const end = performance.now() + job.seconds * 1000;
    const client = async () => {
      while (performance.now() < end) {
        const start = performance.now();
        try {
          await replay(pools, job.sessions);
        } catch (error) {
          errors++;
          process.stderr.write(`floor replay failed: ${(error as Error).message}\n`);
        }
        times.push(performance.now() - start);
      }
    };
    await Promise.all(Array.from({ length: job.connections }, client));
  } finally {
    await Promise.all([...pools.values()].map((pool) => pool.end()));
  }
  return closedLoopResult(times, job.seconds, errors, 0);
}

const job = JSON.parse(fs.readFileSync(process.env.BENCH_LOAD!, 'utf8')) as LoadJob;
// HTTP load goes to loopback only; the floor talks to the bench's own PostgreSQL, wherever it is.
const targets =
  job.mode === 'floor'
    ? []
    : job.mode === 'open'
      ? [job.url]
      : [job.origin, ...(job.mode === 'sequence' ? job.requests.map((r) => r.path) : [])];
for (const target of targets) {
  if (!LOOPBACK.test(target)) {
    throw new Error(`Loopback only, not ${target}`);
  }
}
const summary =
  job.mode === 'open'
    ? await runOpenLoopJob(job)
    : job.mode === 'floor'
      ? await runFloor(job)
      : job.mode === 'autocannon'
        ? await runAutocannon(job)
        : await runSequences(job);
process.stdout.write(JSON.stringify(summary));
