/**
 * The load generator, in its own process (forked by run.ts): autocannon against loopback for a
 * fixed time. Each connection sends the given requests in order, again and again, so a
 * sequence of subgraph fetches runs exactly as the query plan would issue them one by one.
 * Prints a result summary as JSON on stdout.
 *
 * autocannon keeps each connection on one host, so the direct fetches of a query plan (one
 * subgraph per port) run in `sequence` mode instead: closed-loop clients on Node's fetch, each
 * timing the whole sequence as one operation. The federation tax compares both sides in this
 * mode, so the load generator's own cost is the same on each.
 */
import autocannon from 'autocannon';

export interface LoadRequest {
  /** Absolute in sequence mode, a path on `origin` for autocannon. */
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadJob {
  mode: 'autocannon' | 'sequence';
  origin: string;
  connections: number;
  seconds: number;
  requests: LoadRequest[];
}

export interface LoadResult {
  requestsPerSecond: number;
  /** Operations completed in the run. */
  total: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  maxRssKb: number;
}

const LOOPBACK = /^http:\/\/127\.0\.0\.1:\d+(\/|$)/;

async function runAutocannon(job: LoadJob): Promise<LoadResult> {
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

async function runSequences(job: LoadJob): Promise<LoadResult> {
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
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  return {
    requestsPerSecond: times.length / job.seconds,
    total: times.length,
    p50: at(0.5),
    p99: at(0.99),
    errors,
    non2xx,
    maxRssKb: process.resourceUsage().maxRSS,
  };
}

const job = JSON.parse(process.env.BENCH_LOAD!) as LoadJob;
for (const target of [job.origin, ...(job.mode === 'sequence' ? job.requests.map((r) => r.path) : [])]) {
  if (!LOOPBACK.test(target)) {
    throw new Error(`Loopback only, not ${target}`);
  }
}
const summary = job.mode === 'autocannon' ? await runAutocannon(job) : await runSequences(job);
process.stdout.write(JSON.stringify(summary));
