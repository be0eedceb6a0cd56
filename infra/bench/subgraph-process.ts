/**
 * One subgraph in its own process (forked by run.ts, one per subgraph), so no subgraph shares an
 * event loop with another or with the load and the gateways' differences are not hidden behind
 * them. It starts on a free port with no idea where the others are; run.ts then hands every
 * subgraph the whole URL map ('urls') before any request. It answers 'sql' with the statements
 * it has sent so far, for the per-request counts, records the statements themselves between
 * 'record' and 'recorded' (the SQL floor), and answers 'memory' with `process.memoryUsage()`.
 * With BENCH_CPU_PROFILE_DIR set, it records a CPU profile from start to stop and writes it there
 * as `<subgraph>.cpuprofile` (open it in Chrome's DevTools or speedscope); 'cpuProfile' with a label
 * writes what was recorded so far as `<subgraph>-<label>.cpuprofile` and starts afresh, so one load
 * run can be profiled apart from start-up.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { type DatabaseConnection, sqlStatementCount } from '@finsam/kit/database.js';
import type { SubgraphKeys } from '@finsam/kit/server.js';
import { type RecordedStatement, recordSqlStatements } from '@finsam/kit/telemetry.js';
import { serveSubgraph } from '../src/subgraph-server.js';
import { SUBGRAPHS } from '../src/subgraphs.js';
import { childConfig, serveBench } from './ipc.js';

export interface SubgraphConfig {
  name: string;
  /** The subgraph's own database, as the app role. */
  connection: DatabaseConnection;
  keys: SubgraphKeys;
  secrets: Record<string, string>;
}

const config = childConfig<SubgraphConfig>();
const subgraph = SUBGRAPHS.find((s) => s.name === config.name)!;
const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
const profiler = profileDir ? new Session() : null;
if (profiler) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}
/** Writes the CPU profile recorded so far (BENCH_CPU_PROFILE_DIR); `again` starts a new one. */
async function writeProfile(label: string | null, again: boolean): Promise<void> {
  if (profiler && profileDir) {
    const { profile } = await profiler.post('Profiler.stop');
    fs.mkdirSync(profileDir, { recursive: true });
    const file = label ? `${config.name}-${label}.cpuprofile` : `${config.name}.cpuprofile`;
    fs.writeFileSync(path.join(profileDir, file), JSON.stringify(profile));
    if (again) {
      await profiler.post('Profiler.start');
    }
  }
}
// Service calls read this at request time: filled in when the bench sends the map.
const subgraphUrls: Record<string, string> = {};
const served = await serveSubgraph(subgraph, {
  connection: config.connection,
  keys: config.keys,
  secrets: config.secrets,
  subgraphUrls,
  port: 0,
});
let recorder: { stop(): RecordedStatement[] } | undefined;
serveBench(
  served.url,
  {
    urls: (urls) => void Object.assign(subgraphUrls, urls),
    sql: () => sqlStatementCount(),
    record: () => {
      recorder = recordSqlStatements();
    },
    recorded: () => recorder?.stop() ?? [],
    memory: () => process.memoryUsage(),
    cpuProfile: (label) => writeProfile(String(label).replace(/[^\w-]/g, '_'), true),
  },
  async () => {
    await writeProfile(null, false);
    await served.stop();
  },
);
