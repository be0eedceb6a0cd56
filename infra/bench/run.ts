/**
 * `npm run bench [-- --small] [--forbund N --interventions N --participations N --seconds N]
 * [--repeat N --users N --rates 50,100,200] [--only reports]`:
 * the development identity provider → synthetic data into its own databases, with the bench
 * users' grants in the directory → the real subgraphs (a process each) → the platform's gateway,
 * the same without its response cache, and a default @apollo/gateway (a process each) → each user
 * logged in once at the provider → load from autocannon, the realistic mix at open-loop rates and
 * the SQL floor's replay (another process each) → the tables, each cell the median of `--repeat`
 * runs. Not part of `npm test`: it takes minutes and its numbers depend on the machine.
 */
import { type ChildProcess, execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ApolloGateway, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { type GatewayContext, type GatewayOptions, InternalTokenDataSource } from '@finsam/gateway/gateway.js';
import type { DatabaseConnection } from '@finsam/kit/database.js';
import type { Identity } from '@finsam/kit/identity.js';
import { type InternalSigner, internalSigner } from '@finsam/kit/internal-token.js';
import type { RecordedStatement } from '@finsam/kit/telemetry.js';
import { readSupergraph } from '../src/compose.js';
import { devGatewayOptions } from '../src/dev-gateway.js';
import type { ServingProcess } from '../src/heap-flags.js';
import { type DevIdentityProviders, devIssuerConfigs, loginAs, startDevIdentityProviders } from '../src/idp/index.js';
import { type DevKeys, generateDevKeys, subgraphKeys } from '../src/keys.js';
import { listenableDirectory, provisionSubgraph } from '../src/platform.js';
import { type Cluster, connectionFromUrl, startEmbeddedPostgres } from '../src/postgres.js';
import { dropDatabase, ensureRoles } from '../src/provision.js';
import { SUBGRAPHS } from '../src/subgraphs.js';
import { platformIdentities } from './default-gateway.js';
import { sessions } from './floor.js';
import type { GatewayConfig } from './gateway-process.js';
import { type BenchSize, generate, LIST_LENGTHS, listForbund } from './generate.js';
import { ask, forkChild, type MemoryAtPeak, stopChild } from './ipc.js';
import type { LoadJob, LoadRequest, LoadResult } from './load.js';
import { mixRequests, mixUsers, ROLE_SHARES, roleCounts } from './mix.js';
import { type BenchUser, countyReport, dashboard, forbundYear, type Operation, staff } from './operations.js';
import { cell, fixed, type Repeated, ratio, repeated, seededRandom, table } from './stats.js';
import type { SubgraphConfig } from './subgraph-process.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    small: { type: 'boolean', default: false },
    forbund: { type: 'string' },
    interventions: { type: 'string' },
    participations: { type: 'string' },
    seconds: { type: 'string' },
    /** Runs per cell; each cell reports their median and range. */
    repeat: { type: 'string' },
    /** Distinct users in the realistic mix. */
    users: { type: 'string' },
    /** The mix's open-loop arrival rates, requests a second, comma-separated. */
    rates: { type: 'string' },
    /** `reports`: only the reports' times and the memory, no load runs (for working on the reports). */
    only: { type: 'string' },
  },
});
const onlyReports = args.only === 'reports';
const base: BenchSize = args.small
  ? { forbund: 6, interventionsPerForbund: 8, participations: 20_000 }
  : { forbund: 80, interventionsPerForbund: 12, participations: 1_000_000 };
const size: BenchSize = {
  forbund: Number(args.forbund ?? base.forbund),
  interventionsPerForbund: Number(args.interventions ?? base.interventionsPerForbund),
  participations: Number(args.participations ?? base.participations),
};
const seconds = Number(args.seconds ?? (args.small ? 3 : 10));
const repeats = Number(args.repeat ?? 3);
const mixUserCount = Number(args.users ?? (args.small ? 200 : 2000));
const rates = (args.rates ?? '50,100,200').split(',').map(Number);
for (const [name, n] of [
  ['--seconds', seconds],
  ['--repeat', repeats],
  ['--users', mixUserCount],
  ...rates.map((r) => ['--rates', r] as const),
] as const) {
  if (!(Number.isFinite(n) && n > 0)) {
    throw new Error(`${name} must be a positive number`);
  }
}
const CLIENTS = [1, 10, 50];
/** Closed-loop clients for the gateway path and the SQL floor, side by side. */
const FLOOR_CLIENTS = [1, 10];
/** Logins (and first requests) at once, when logging in the mix's users. */
const LOGIN_BATCH = 25;
const DB_PREFIX = 'finsam_bench';

const log = (message: string) => process.stderr.write(`${message}\n`);
const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;
/** One row of a Markdown table. */
const row = (...cells: (string | number)[]) => `| ${cells.join(' | ')} |`;

function forkGateway(variant: GatewayConfig['variant'], options: GatewayOptions) {
  return forkChild(
    path.join(here, 'gateway-process.ts'),
    { variant, options } satisfies GatewayConfig,
    `${variant} gateway`,
    'gateway',
  );
}

interface SubgraphProcesses {
  children: Record<string, ChildProcess>;
  urls: Record<string, string>;
}

/** Every subgraph in a process of its own; each knows all the others' URLs before this returns. */
async function forkSubgraphs(apps: Record<string, DatabaseConnection>, keys: DevKeys): Promise<SubgraphProcesses> {
  const started = await Promise.all(
    SUBGRAPHS.map(async ({ name }) => {
      const config: SubgraphConfig = {
        name,
        connection: apps[name]!,
        keys: subgraphKeys(keys, name),
        secrets: keys.secrets,
      };
      return {
        name,
        ...(await forkChild(
          path.join(here, 'subgraph-process.ts'),
          config,
          `subgraph ${name}`,
          name as ServingProcess,
        )),
      };
    }),
  );
  const children = Object.fromEntries(started.map((s) => [s.name, s.child]));
  const urls = Object.fromEntries(started.map((s) => [s.name, s.url]));
  await Promise.all(started.map((s) => ask(s.child, 'urls', urls)));
  return { children, urls };
}

/** SQL statements all subgraphs have sent so far. */
async function sqlStatementCount(subgraphs: SubgraphProcesses): Promise<number> {
  const counts = await Promise.all(Object.values(subgraphs.children).map((child) => ask<number>(child, 'sql')));
  return counts.reduce((a, b) => a + b, 0);
}

const peakRssKb = (child: ChildProcess) => ask<number>(child, 'rss');

/**
 * On stderr, after each part of the run: every process's peak RSS so far and what its memory held at that peak
 * (V8 heap used / committed, young generation, external) and the most live after a full collection, in MB, so a
 * growth can be put down to a part.
 */
async function logPeakMemory(part: string, processes: Record<string, ChildProcess>): Promise<void> {
  const m = (bytes: number) => Math.round(bytes / 2 ** 20);
  const each = await Promise.all(
    Object.entries(processes).map(async ([name, child]) => {
      const p = await ask<MemoryAtPeak>(child, 'peakMemory');
      return (
        `${name} ${m(p.rss)} (heap ${m(p.heapUsed)}/${m(p.heapTotal)}, new ${m(p.newSpace)}, ` +
        `old ${m(p.oldSpace)}, ext ${m(p.external)}; live after full GC ${m(p.liveAfterFullGc)})`
      );
    }),
  );
  log(`memory after ${part}, MB at each peak: ${each.join('; ')}`);
}

/**
 * Each user an account at the provider (all at the kommun issuer, which may hold platform grants),
 * logged in once, as a person opening the web client would: their access tokens, by username.
 */
async function logIn(idp: DevIdentityProviders, users: readonly BenchUser[]): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  await inBatches(users, LOGIN_BATCH, async ({ username, email }) => {
    idp.addAccount('kommun', { username, name: username, email });
    tokens.set(username, (await loginAs(idp.issuers.kommun, username)).accessToken);
  });
  return tokens;
}

/** `work` for every item, `size` at a time. */
async function inBatches<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) {
    await Promise.all(items.slice(i, i + size).map(work));
  }
}

/** The 1-minute load average at the end of every load run: what "during" reports. */
const loadDuring: number[] = [];

function load(job: LoadJob): Promise<LoadResult> {
  // A file: the mix's tokens and requests are more than one environment variable may hold.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-bench-load-'));
  const file = path.join(dir, 'job.json');
  fs.writeFileSync(file, JSON.stringify(job), { mode: 0o600 });
  return new Promise<LoadResult>((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(here, 'load.ts')],
      { env: { ...process.env, BENCH_LOAD: file }, maxBuffer: 1 << 20 },
      (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout) as LoadResult)),
    );
  }).finally(() => {
    loadDuring.push(os.loadavg()[0]!);
    fs.rmSync(dir, { recursive: true, force: true });
  });
}

/** A cell's runs, `repeats` of them, one after another. */
async function repeatRuns<T>(run: (n: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let n = 0; n < repeats; n++) {
    results.push(await run(n));
  }
  return results;
}

/** One figure of each run, as a repeated cell. */
const over = <T>(runs: readonly T[], figure: (r: T) => number): Repeated => repeated(runs.map(figure));
/** How much slower one path ran than another, as the median over the runs: p50 ratio, then throughput ratio. */
const slowdownCells = <T>(
  runs: readonly T[],
  slow: (r: T) => Pick<LoadResult, 'p50' | 'requestsPerSecond'>,
  fast: (r: T) => Pick<LoadResult, 'p50' | 'requestsPerSecond'>,
): string[] => [
  cell(
    over(runs, (r) => slow(r).p50 / fast(r).p50),
    2,
    '×',
  ),
  cell(
    over(runs, (r) => fast(r).requestsPerSecond / slow(r).requestsPerSecond),
    2,
    '×',
  ),
];

/** CPU time (ms) the given processes have used so far, summed. */
async function cpuOf(children: readonly ChildProcess[]): Promise<number> {
  const each = await Promise.all(children.map((child) => ask<number>(child, 'cpu')));
  return each.reduce((a, b) => a + b, 0);
}

/** The subgraph fetches the gateway's query plan sends for one operation, in the order sent. */
async function recordPlan(options: GatewayOptions, operation: Operation, identity: Identity, sign: InternalSigner) {
  const fetches: { subgraph: string; body: string }[] = [];
  class Recording extends InternalTokenDataSource {
    constructor(
      private readonly name: string,
      url: string,
    ) {
      super(name, sign, { url });
    }
    override async willSendRequest(request: GraphQLDataSourceProcessOptions<GatewayContext>) {
      await super.willSendRequest(request);
      const { query, variables, operationName } = request.request;
      fetches.push({ subgraph: this.name, body: JSON.stringify({ query, variables, operationName }) });
    }
  }
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name }) => new Recording(name, options.subgraphUrls[name]!),
  });
  const server = new ApolloServer<GatewayContext>({ gateway });
  await server.start();
  try {
    const response = await server.executeOperation(operation.body, { contextValue: { identity } });
    const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
    if (!result || result.errors) {
      throw new Error(`${operation.name} failed: ${JSON.stringify(result?.errors)}`);
    }
    return fetches;
  } finally {
    await server.stop();
  }
}

/**
 * Peak RSS of the PostgreSQL server: the postmaster and its backends, summed (shared buffers count
 * once per process).
 */
function postgresPeakKb(dataDir: string | null): number {
  if (!dataDir) {
    return NaN;
  }
  const status = (pid: string) => fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (s: string, name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(s)?.[1] ?? 0);
  const pids = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  const postmaster = pids.find((p) => {
    try {
      return fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(dataDir);
    } catch {
      return false;
    }
  });
  if (!postmaster) {
    return NaN;
  }
  let total = 0;
  for (const pid of pids) {
    try {
      const s = status(pid);
      if (pid === postmaster || field(s, 'PPid') === Number(postmaster)) {
        total += field(s, 'VmHWM');
      }
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
}

async function main() {
  const { forbund, interventionsPerForbund, participations } = size;
  const benchStarted = performance.now();
  const loadBefore = os.loadavg();
  log(
    `bench: ${forbund} förbund × ${interventionsPerForbund} insatser, ${participations} participations, ` +
      `${seconds} s per run, ${repeats} runs per cell; load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`,
  );
  let cluster: Cluster;
  let dataDir: string | null = null;
  if (process.env.DATABASE_URL) {
    cluster = { admin: connectionFromUrl(process.env.DATABASE_URL), stop: async () => {} };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-bench-'));
    fs.chmodSync(dir, 0o755); // as root, PostgreSQL runs as "postgres" and must enter it
    dataDir = path.join(dir, 'postgres');
    cluster = await startEmbeddedPostgres({ dataDir, persistent: false });
  }
  const keys = await generateDevKeys();
  const children: ChildProcess[] = [];
  let idp: DevIdentityProviders | undefined;
  try {
    // First: the directory trusts its issuers, which name its port. No demo people, only bench users.
    idp = await startDevIdentityProviders({ accounts: [] });
    const issuers = devIssuerConfigs(idp.issuers);
    // Every operation the run sends, so their users are in the directory and logged in beforehand.
    const operations = [dashboard(1), staff(1, 1)];
    const listOperations = [
      { name: 'dashboard (insatser)', ops: LIST_LENGTHS.map((_, k) => dashboard(listForbund(size, k))) },
      { name: 'staff (participations)', ops: LIST_LENGTHS.map((_, k) => staff(listForbund(size, k), 1)) },
    ];
    const reports = [forbundYear(1), countyReport(size.forbund)];
    const users = [
      ...new Map(
        [...operations, ...listOperations.flatMap((l) => l.ops), ...reports].map((op) => [op.user.username, op.user]),
      ).values(),
    ];
    // The realistic mix's users: distinct people over the regular förbund, in the roles' proportions.
    const mix = mixUsers(size, mixUserCount);
    const { admin } = cluster;
    await ensureRoles(admin, keys.passwords);
    const owners: Record<string, DatabaseConnection> = {};
    const apps: Record<string, DatabaseConnection> = {};
    await Promise.all(
      SUBGRAPHS.map(async (subgraph) => {
        const name = `${DB_PREFIX}_${subgraph.name}`;
        await dropDatabase(admin, name); // same size, same rows: start empty every run
        const db = await provisionSubgraph(admin, name, subgraph, keys, { seed: false });
        owners[subgraph.name] = db.owner;
        apps[subgraph.name] = db.app;
      }),
    );
    const started = performance.now();
    await generate(size, owners, { issuers, users: [...users, ...mix] });
    const generationSeconds = (performance.now() - started) / 1000;
    log(`generated in ${generationSeconds.toFixed(1)} s`);

    const supergraphSdl = readSupergraph();
    const subgraphs = await forkSubgraphs(apps, keys);
    children.push(...Object.values(subgraphs.children));
    const defaults = devGatewayOptions(keys, supergraphSdl, subgraphs.urls, issuers);
    // The gateways hear the directory's changes of access, as in production, so they keep people's access long.
    const accessEvents = await listenableDirectory(admin, keys, `${DB_PREFIX}_governance`);
    const options = { ...defaults, identity: { ...defaults.identity, accessEvents } };
    const fork = (variant: GatewayConfig['variant']) => forkGateway(variant, options);
    const [tuned, uncached, defaultGateway] = await Promise.all([fork('tuned'), fork('uncached'), fork('default')]);
    const gateways = { tuned, uncached, default: defaultGateway };
    children.push(...Object.values(gateways).map((g) => g.child));
    const processes = {
      ...subgraphs.children,
      ...Object.fromEntries(Object.entries(gateways).map(([variant, g]) => [`${variant} gateway`, g.child])),
    };

    const tokens = await logIn(idp, users);
    const loginStarted = performance.now();
    const mixTokens = await logIn(idp, mix);
    const loginSeconds = (performance.now() - loginStarted) / 1000;
    log(`${mix.length} mix users logged in in ${loginSeconds.toFixed(1)} s (${LOGIN_BATCH} at a time)`);
    const signInternal = await internalSigner(keys.internal.privateJwk);
    const userRequest = (op: Operation, url: string): LoadRequest => ({
      path: url,
      headers: { authorization: `Bearer ${tokens.get(op.user.username)!}` },
      body: JSON.stringify(op.body),
    });
    /** Closed-loop clients repeating one user's request through the uncached gateway (tax and floor rows). */
    const throughUncached = (op: Operation, clients: number) =>
      load({
        mode: 'sequence',
        origin: new URL(gateways.uncached.url).origin,
        connections: clients,
        seconds,
        requests: [userRequest(op, gateways.uncached.url)],
      });
    const send = async (op: Operation, url: string) => {
      const r = userRequest(op, url);
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...r.headers },
        body: r.body,
      });
      const json = (await res.json()) as { errors?: unknown };
      if (json.errors) {
        throw new Error(`${op.name}: ${JSON.stringify(json.errors)}`);
      }
    };

    await logPeakMemory('start', processes);
    // 4. SQL statements per request, by list length: one request at a time, nothing else running,
    // through the gateway that asks the subgraphs every time (the tuned one would keep the dashboard).
    const sqlRows: string[] = [];
    for (const { name, ops } of listOperations) {
      const counts: number[] = [];
      for (const op of ops) {
        // Warm: plan cache, connections, and the user's access from the directory (kept 10 s).
        await send(op, gateways.uncached.url);
        // Two loads that land in one tick batch into one statement, so a count can come out
        // lower by chance: compare the most of three.
        let most = 0;
        for (let n = 0; n < 3; n++) {
          const before = await sqlStatementCount(subgraphs);
          await send(op, gateways.uncached.url);
          most = Math.max(most, (await sqlStatementCount(subgraphs)) - before);
        }
        counts.push(most);
      }
      sqlRows.push(`| ${name} | ${counts.join(' | ')} | ${counts.every((c) => c === counts[0]) ? 'yes' : 'NO'} |`);
    }

    await logPeakMemory('SQL counts', processes);
    // 5. Reports: warm time per call, one call at a time, each computed afresh (no response cache).
    const reportRows: string[] = [];
    for (const op of reports) {
      await send(op, gateways.uncached.url);
      const times: number[] = [];
      for (let n = 0; n < 10; n++) {
        const t0 = performance.now();
        await send(op, gateways.uncached.url);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      reportRows.push(`| ${op.name} | ${ms(times[4]!)} | ${ms(times[9]!)} |`);
    }

    await logPeakMemory('reports', processes);
    // 1 and 3. Throughput and latency through each gateway, side by side.
    const loadRows: string[] = [];
    const ratios: string[] = [];
    for (const op of onlyReports ? [] : operations) {
      for (const clients of CLIENTS) {
        const results: Record<string, Repeated> = {};
        for (const variant of ['tuned', 'uncached', 'default'] as const) {
          const url = gateways[variant].url;
          const request = userRequest(op, url);
          // Warm. The default fetcher may reuse a keep-alive connection the subgraph closed as idle
          // (5 s) just then: that first request fails once; a second failure is real.
          await send(op, url).catch((error: Error) => {
            log(`warm-up failed once, sent again: ${error.message.slice(0, 200)}`);
            return send(op, url);
          });
          const origin = new URL(url).origin;
          const runs = await repeatRuns(async (n) => {
            log(`${op.name} · ${variant} · ${clients} clients · run ${n + 1}/${repeats}`);
            const cpuBefore = await ask<number>(gateways[variant].child, 'cpu');
            const r = await load({
              mode: 'autocannon',
              origin,
              connections: clients,
              seconds,
              requests: [{ ...request, path: new URL(url).pathname }],
            });
            // What the gateway itself spends per request, apart from waiting on subgraphs.
            return { ...r, gatewayCpu: ((await ask<number>(gateways[variant].child, 'cpu')) - cpuBefore) / r.total };
          });
          const throughput = over(runs, (r) => r.requestsPerSecond);
          results[variant] = throughput;
          loadRows.push(
            row(
              op.name,
              variant,
              clients,
              cell(throughput, 0),
              cell(over(runs, (r) => r.p50)),
              cell(over(runs, (r) => r.p99)),
              cell(over(runs, (r) => r.gatewayCpu)),
              runs.reduce((a, r) => a + r.errors + r.non2xx, 0),
            ),
          );
        }
        const versus = (variant: 'tuned' | 'uncached') => ratio(results[variant]!.median, results.default!.median);
        ratios.push(`| ${op.name} | ${clients} | ${versus('tuned')} | ${versus('uncached')} |`);
      }
    }

    await logPeakMemory('gateway load runs', processes);
    // 2. Federation tax: the plan's subgraph fetches sent directly, one after another, vs the tuned
    // gateway without its response cache: what federating costs, not what keeping answers saves.
    const taxRows: string[] = [];
    const identify = platformIdentities(options, signInternal);
    for (const op of onlyReports ? [] : operations) {
      const identity = await identify(tokens.get(op.user.username)!);
      const fetches = await recordPlan(options, op, identity, signInternal);
      for (const clients of [1, 10]) {
        const runs = await repeatRuns(async (n) => {
          // Internal tokens live 60 s: sign them just before each run.
          const direct = await Promise.all(
            fetches.map(async (f) => ({
              path: subgraphs.urls[f.subgraph]!,
              headers: { authorization: `Bearer ${await signInternal(identity, f.subgraph)}` },
              body: f.body,
            })),
          );
          log(`${op.name} · federation tax · ${clients} clients · run ${n + 1}/${repeats}`);
          const viaGateway = await throughUncached(op, clients);
          const directly = await load({
            mode: 'sequence',
            origin: new URL(direct[0]!.path).origin,
            connections: clients,
            seconds,
            requests: direct,
          });
          return { viaGateway, directly };
        });
        taxRows.push(
          row(
            op.name,
            fetches.map((f) => f.subgraph).join(' → '),
            clients,
            cell(over(runs, (r) => r.viaGateway.p50)),
            cell(over(runs, (r) => r.directly.p50)),
            ...slowdownCells(
              runs,
              (r) => r.viaGateway,
              (r) => r.directly,
            ),
          ),
        );
      }
    }

    await logPeakMemory('federation tax', processes);
    // 7. The realistic mix: distinct users, their role's pages, at open-loop arrival rates through the
    // tuned gateway (its cache on). First each user's first request (it claims their invitation), as
    // after a morning's sign-in; then per rate the gateway's and the subgraphs' CPU around each run.
    const warmStarted = performance.now();
    await inBatches(onlyReports ? [] : mix, LOGIN_BATCH, async (user) => {
      const res = await fetch(gateways.tuned.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${mixTokens.get(user.username)!}` },
        body: JSON.stringify({ query: 'query Warm { __typename }' }),
      });
      const json = (await res.json()) as { errors?: unknown };
      if (!res.ok || json.errors) {
        throw new Error(`${user.username}'s first request failed: ${res.status} ${JSON.stringify(json.errors)}`);
      }
    });
    log(`mix users' first requests in ${((performance.now() - warmStarted) / 1000).toFixed(1)} s`);
    const mixTokenList = mix.map((u) => mixTokens.get(u.username)!);
    const mixIndex = new Map(mix.map((u, k) => [u.username, k]));
    const subgraphChildren = Object.values(subgraphs.children);
    const mixRows: (string | number)[][] = [];
    const mixByPage: (string | number)[][] = [];
    for (const rate of onlyReports ? [] : rates) {
      const runs = await repeatRuns(async (n) => {
        log(`mix · ${rate} req/s · run ${n + 1}/${repeats}`);
        const seed = rate * 100 + n;
        // More than the arrivals will ask for; request k is sent k-th.
        const requests = mixRequests(mix, Math.ceil(rate * seconds * 1.3) + 50, seededRandom(seed)).map((op) => ({
          token: mixIndex.get(op.user.username)!,
          name: op.name,
          body: JSON.stringify(op.body),
        }));
        const [gatewayBefore, subgraphsBefore] = [await cpuOf([gateways.tuned.child]), await cpuOf(subgraphChildren)];
        const questionsBefore = await ask<number>(gateways.tuned.child, 'directoryQuestions');
        const r = await load({
          mode: 'open',
          url: gateways.tuned.url,
          rate,
          seconds,
          arrivals: 'poisson',
          seed,
          tokens: mixTokenList,
          requests,
        });
        for (const [kind, count] of Object.entries(r.errorKinds ?? {})) {
          log(`  ${count} × ${kind}`);
        }
        const questions = (await ask<number>(gateways.tuned.child, 'directoryQuestions')) - questionsBefore;
        log(`  ${questions} directory questions (resolveAccess): ${(questions / r.total).toFixed(3)} a request`);
        return {
          ...r,
          gatewayCpu: ((await cpuOf([gateways.tuned.child])) - gatewayBefore) / r.total,
          subgraphCpu: ((await cpuOf(subgraphChildren)) - subgraphsBefore) / r.total,
        };
      });
      mixRows.push([
        rate,
        cell(
          over(runs, (r) => r.total / seconds),
          0,
        ),
        cell(over(runs, (r) => r.p50)),
        cell(over(runs, (r) => r.p95!)),
        cell(over(runs, (r) => r.p99!)),
        runs.reduce((a, r) => a + r.errors + r.non2xx, 0),
        cell(
          over(runs, (r) => (100 * r.hits!) / r.total),
          0,
          ' %',
        ),
        cell(over(runs, (r) => r.gatewayCpu)),
        cell(over(runs, (r) => r.subgraphCpu)),
        cell(over(runs, (r) => r.maxSendLagMs!)),
      ]);
      const names = [...new Set(runs.flatMap((r) => Object.keys(r.byName!)))].sort();
      for (const name of names) {
        const of = (figure: (p: NonNullable<LoadResult['byName']>[string]) => number) =>
          over(runs, (r) => (r.byName![name] ? figure(r.byName![name]) : NaN));
        mixByPage.push([
          rate,
          name,
          cell(
            of((p) => p.total / seconds),
            0,
          ),
          cell(of((p) => p.p50)),
          cell(of((p) => p.p95)),
          runs.reduce((a, r) => a + (r.byName![name]?.errors ?? 0), 0),
        ]);
      }
    }

    await logPeakMemory('mix', processes);
    // 8. The SQL floor: the statements each operation ran in every subgraph (recorded in the subgraph
    // processes during one request through the uncached gateway, after a warm-up), replayed straight
    // against PostgreSQL by the same number of closed-loop clients as the gateway path beside it.
    const floorOperations = [dashboard(1), staff(1, 1), forbundYear(1), countyReport(size.forbund)];
    const databases = Object.fromEntries(Object.values(apps).map((c) => [c.dbName, c]));
    const floorRows: (string | number)[][] = [];
    for (const op of onlyReports ? [] : floorOperations) {
      await send(op, gateways.uncached.url);
      await Promise.all(subgraphChildren.map((child) => ask(child, 'record')));
      await send(op, gateways.uncached.url);
      const recorded = (
        await Promise.all(subgraphChildren.map((child) => ask<RecordedStatement[]>(child, 'recorded')))
      ).flat();
      const replayed = sessions(recorded);
      for (const clients of FLOOR_CLIENTS) {
        const runs = await repeatRuns(async (n) => {
          log(`${op.name} · SQL floor · ${clients} clients · run ${n + 1}/${repeats}`);
          const viaGateway = await throughUncached(op, clients);
          const floor = await load({ mode: 'floor', connections: clients, seconds, databases, sessions: replayed });
          return { viaGateway, floor };
        });
        floorRows.push([
          op.name,
          `${recorded.length} in ${replayed.length}`,
          clients,
          cell(
            over(runs, (r) => r.viaGateway.requestsPerSecond),
            0,
          ),
          cell(
            over(runs, (r) => r.floor.requestsPerSecond),
            0,
          ),
          cell(over(runs, (r) => r.viaGateway.p50)),
          cell(over(runs, (r) => r.floor.p50)),
          ...slowdownCells(
            runs,
            (r) => r.viaGateway,
            (r) => r.floor,
          ),
          runs.reduce((a, r) => a + r.viaGateway.errors + r.viaGateway.non2xx + r.floor.errors, 0),
        ]);
      }
    }

    await logPeakMemory('SQL floor', processes);
    // 6. Memory.
    const subgraphPeaks = await Promise.all(
      Object.entries(subgraphs.children).map(async ([name, child]) => ({ name, kb: await peakRssKb(child) })),
    );
    const gatewayPeaks = await Promise.all(
      Object.entries(gateways).map(async ([variant, g]) => ({ variant, kb: await peakRssKb(g.child) })),
    );
    // What the platform runs: one gateway (the tuned one) and the five subgraphs; the other two gateways are the
    // bench's comparison points. Issue 23's target (≤ 1.2 GB) is read off this row.
    const platformKb =
      subgraphPeaks.reduce((a, p) => a + p.kb, 0) + gatewayPeaks.find((g) => g.variant === 'tuned')!.kb;
    const rss = [
      ...subgraphPeaks.map((p) => row(`subgraph ${p.name}`, mb(p.kb))),
      ...gatewayPeaks.map((g) => row(`${g.variant} gateway`, mb(g.kb))),
      row('platform (one gateway + 5 subgraphs, sum of peaks)', mb(platformKb)),
      row(
        'PostgreSQL (postmaster + backends, sum of per-process peaks)',
        dataDir ? mb(postgresPeakKb(dataDir)) : 'external',
      ),
    ];

    const counts = roleCounts(mix.length);
    const during = repeated(loadDuring);
    const out = [
      '',
      `Data: ${forbund} förbund × ${interventionsPerForbund} insatser + list förbund ` +
        `(${LIST_LENGTHS.join('/')} insatser), ${participations} participations; ` +
        `generated in ${generationSeconds.toFixed(1)} s. ` +
        `${os.cpus().length} cores, Node ${process.version}, ${seconds} s per run, ` +
        `each cell the median of ${repeats} run${repeats === 1 ? '' : 's'} (min–max).`,
      `Load average (1/5/15 min) before: ${loadBefore.map((l) => l.toFixed(2)).join(' / ')}; ` +
        `during (1 min, at the end of each of ${loadDuring.length} runs): ` +
        `median ${fixed(during.median, 2)}, ${fixed(during.min, 2)}–${fixed(during.max, 2)}. ` +
        `Whole bench ${((performance.now() - benchStarted) / 60_000).toFixed(1)} min.`,
      '',
      '| operation | gateway | clients | req/s | p50 ms | p99 ms | gateway CPU ms / request | errors |',
      '|---|---|---|---|---|---|---|---|',
      ...loadRows,
      '',
      '| operation | clients | tuned / default throughput | uncached / default |',
      '|---|---|---|---|',
      ...ratios,
      '',
      row(
        'operation',
        'plan fetches (direct, in order)',
        'clients',
        'uncached gateway p50 ms',
        'direct p50 ms',
        'tax (p50)',
        'tax (throughput)',
      ),
      '|---|---|---|---|---|---|---|',
      ...taxRows,
      '',
      '| report (warm, 10 calls) | median ms | max ms |',
      '|---|---|---|',
      ...reportRows,
      '',
      `| SQL statements per request | ${LIST_LENGTHS.join(' items | ')} items | equal |`,
      '|---|---|---|---|---|',
      ...sqlRows,
      '',
      `Realistic mix: ${mix.length} users (${(Object.keys(ROLE_SHARES) as (keyof typeof ROLE_SHARES)[])
        .map((r) => `${counts[r]} ${r}`)
        .join(', ')}) over ${forbund} förbund, logged in in ${loginSeconds.toFixed(1)} s ` +
        `(${LOGIN_BATCH} at a time); Poisson arrivals through the tuned gateway, latency from each scheduled send.`,
      '',
      ...table(
        [
          'mix rate req/s',
          'sent req/s',
          'p50 ms',
          'p95 ms',
          'p99 ms',
          'errors',
          'cache hits',
          'gateway CPU ms / request',
          'subgraphs CPU ms / request',
          'generator lag max ms',
        ],
        mixRows,
      ),
      '',
      ...table(['mix rate req/s', 'page', 'req/s', 'p50 ms', 'p95 ms', 'errors'], mixByPage),
      '',
      ...table(
        [
          'SQL floor',
          'statements in sessions',
          'clients',
          'gateway req/s',
          'floor req/s',
          'gateway p50 ms',
          'floor p50 ms',
          'gateway / floor (p50)',
          'floor / gateway (req/s)',
          'errors',
        ],
        floorRows,
      ),
      '',
      '| process | peak RSS |',
      '|---|---|',
      ...rss,
      '',
    ];
    console.log(out.join('\n'));
  } finally {
    await Promise.all(children.map(stopChild));
    await idp?.stop();
    await cluster.stop();
    if (dataDir) {
      fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
    }
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
