/**
 * One gateway in its own process (forked by run.ts), so each variant gets a whole event loop
 * and its own peak RSS, apart from the subgraphs.
 *
 * BENCH_GATEWAY_SRC=<dir> runs the platform's gateway from another copy of gateway/src (an earlier
 * commit's, say, inside this checkout so its imports resolve), to compare two versions with one bench.
 * BENCH_CPU_PROF=<dir> writes a CPU profile of each gateway process when the bench stops it
 * (`<variant>.cpuprofile`, `<variant>-other.cpuprofile` with BENCH_GATEWAY_SRC; for Chrome DevTools or
 * speedscope); BENCH_CPU_PROF_VARIANT=uncached limits it to one.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { GatewayOptions } from '@finsam/gateway/gateway.js';
import { metrics } from '@finsam/kit/telemetry.js';
import { startDefaultGateway } from './default-gateway.js';
import { childConfig, serveBench } from './ipc.js';

export interface GatewayConfig {
  /** The platform's gateway; the same without its response cache; @apollo/gateway as its docs set it up. */
  variant: 'tuned' | 'uncached' | 'default';
  options: GatewayOptions;
}

const config = childConfig<GatewayConfig>();
process.env.LOG_LEVEL ??= 'warn';
const { createGateway } = (await import(
  process.env.BENCH_GATEWAY_SRC
    ? pathToFileURL(path.resolve(process.env.BENCH_GATEWAY_SRC, 'gateway.ts')).href
    : '@finsam/gateway/gateway.js'
)) as typeof import('@finsam/gateway/gateway.js');
const running =
  config.variant === 'default'
    ? await startDefaultGateway(config.options)
    : await (await createGateway({ ...config.options, responseCache: config.variant === 'tuned' ? {} : false })).listen(
        0,
      );

/** Starts the profiler if asked to; the returned function writes the profile. */
async function profiler(): Promise<() => Promise<void>> {
  const dir = process.env.BENCH_CPU_PROF;
  const only = process.env.BENCH_CPU_PROF_VARIANT;
  if (!dir || (only && only !== config.variant)) {
    return async () => {};
  }
  const session = new Session();
  session.connect();
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    fs.mkdirSync(dir, { recursive: true });
    const name = `${config.variant}${process.env.BENCH_GATEWAY_SRC ? '-other' : ''}.cpuprofile`;
    fs.writeFileSync(path.join(dir, name), JSON.stringify(profile));
  };
}

const writeProfile = await profiler();
serveBench(
  running.url,
  // resolveAccess questions so far: what the directory's kept answers save (the realistic mix).
  { directoryQuestions: async () => (await metrics.directoryQuestions.get()).values[0]?.value ?? 0 },
  async () => {
    await writeProfile();
    await running.stop();
  },
);
