/**
 * How run.ts talks to the processes it forks (the gateways and the subgraphs), both sides in one
 * place. A child gets its configuration as a JSON file named in BENCH_CHILD (a file: the supergraph
alone is more than the 128 kB one environment variable may hold), starts, reports its URL, then
 * answers questions by name ('rss', 'peakMemory' and 'cpu' always; others as the child declares) and stops when the
 * bench disconnects.
 */
import { type ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import { type ServingProcess, withHeapFlags } from '../src/heap-flags.js';

interface Question {
  id: number;
  question: string;
  payload?: unknown;
}

interface Answer {
  id: number;
  answer: unknown;
}

// The bench's side.

/**
 * Forks `script` (TypeScript, through tsx) with `config`, as the platform starts the process it stands for
 * (`serving`: its heap flags, heap-flags.ts); resolves once it reports its URL.
 */
export function forkChild(
  script: string,
  config: unknown,
  label: string,
  serving: ServingProcess,
): Promise<{ child: ChildProcess; url: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-bench-child-'));
  const file = path.join(dir, 'config.json');
  fs.writeFileSync(file, JSON.stringify(config), { mode: 0o600 });
  const child = fork(script, {
    // BENCH_NODE_DEFAULTS=1: Node's own heap sizes, to measure what the bounds buy.
    execArgv:
      process.env.BENCH_NODE_DEFAULTS === '1' ? ['--import', 'tsx'] : withHeapFlags(['--import', 'tsx'], serving),
    // As the image runs them (infra/deploy/Dockerfile): graphql-js skips its development-only `instanceOf`
    // checks, a third of graphql-js's time in a profile of the staff list.
    env: { ...process.env, NODE_ENV: 'production', BENCH_CHILD: file },
  });
  const started = new Promise<{ child: ChildProcess; url: string }>((resolve, reject) => {
    child.once('message', (m) => resolve({ child, url: (m as { url: string }).url }));
    child.once('exit', (code) => reject(new Error(`${label} exited with ${code}`)));
  });
  // Read once the child has started (or failed to).
  return started.finally(() => fs.rmSync(dir, { recursive: true, force: true }));
}

let lastId = 0;

/** Asks a child a question and waits for its answer. */
export function ask<T>(child: ChildProcess, question: string, payload?: unknown): Promise<T> {
  const id = ++lastId;
  return new Promise((resolve, reject) => {
    const listen = (m: unknown) => {
      if ((m as Answer).id !== id) {
        return;
      }
      child.off('message', listen);
      child.off('exit', exited);
      resolve((m as Answer).answer as T);
    };
    const exited = (code: number | null) =>
      reject(new Error(`Process ${child.pid} exited with ${code} before answering '${question}'`));
    child.on('message', listen);
    child.once('exit', exited);
    child.send({ id, question, payload } satisfies Question);
  });
}

/** Disconnects a child and waits until it has stopped. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  if (child.connected) {
    child.disconnect();
  }
  await exited;
}

// The child's side.

/** What a process's memory was made of when its RSS was highest (sampled every 250 ms), in bytes. */
export interface MemoryAtPeak {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  /** V8's young generation (new space) and old space, as committed. */
  newSpace: number;
  oldSpace: number;
  /** The most heap in use just after a full (mark-compact) collection so far: about the most that was live. */
  liveAfterFullGc: number;
}

const MAJOR_GC = constants.NODE_PERFORMANCE_GC_MAJOR;

/** Samples the process's memory; `peak()` gives the sample with the highest RSS so far. */
function memorySampler(): { peak(): MemoryAtPeak } {
  let peak: Omit<MemoryAtPeak, 'liveAfterFullGc'> | undefined;
  let live = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    if (!peak || usage.rss > peak.rss) {
      const spaces = v8.getHeapSpaceStatistics();
      const committed = (name: string) => spaces.find((s) => s.space_name === name)?.physical_space_size ?? 0;
      peak = { ...usage, newSpace: committed('new_space'), oldSpace: committed('old_space') };
    }
    return { ...peak, liveAfterFullGc: live };
  };
  setInterval(sample, 250).unref();
  // Read as soon as the collection is reported: what survived it, plus what was allocated since (little).
  new PerformanceObserver((list) => {
    if (
      list.getEntries().some((e) => (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === MAJOR_GC)
    ) {
      live = Math.max(live, v8.getHeapStatistics().used_heap_size);
    }
  }).observe({ entryTypes: ['gc'] });
  return { peak: sample };
}

export const childConfig = <T>(): T => JSON.parse(fs.readFileSync(process.env.BENCH_CHILD!, 'utf8')) as T;

/** Reports the child's URL, answers the bench's questions, and runs `stop` when the bench lets go. */
export function serveBench(
  url: string,
  answers: Record<string, (payload: unknown) => unknown>,
  stop: () => Promise<void> = async () => {},
): void {
  const memory = memorySampler();
  const all: Record<string, (payload: unknown) => unknown> = {
    rss: () => process.resourceUsage().maxRSS,
    peakMemory: () => memory.peak(),
    // CPU time used so far (user + system), in ms.
    cpu: () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    },
    ...answers,
  };
  process.send!({ url });
  process.on('message', async (m: Question) => {
    const answer = await all[m.question]!(m.payload);
    process.send!({ id: m.id, answer } satisfies Answer);
  });
  process.on('disconnect', () => void stop().finally(() => process.exit(0)));
}
