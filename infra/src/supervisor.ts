/**
 * `npm start`'s process model: each subgraph in its own process (`serve-subgraph`, the production entry point),
 * watched by the start process. A subgraph that dies is started again on the same port (the gateway and the other
 * subgraphs keep its address), after a pause that doubles with each failure in a row (0.5 s up to 30 s), and every
 * stop and return is logged; the others keep answering meanwhile, so the gateway gives partial data with an error
 * for the missing one.
 */
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunningServer } from '@finsam/kit/server.js';
import { type ServingProcess, withHeapFlags } from './heap-flags.js';

/** Between the supervisor and a subgraph process, over the IPC channel. */
export type SupervisorMessage =
  | { type: 'listening'; url: string }
  | { type: 'subgraph-urls'; urls: Record<string, string> };

export interface SupervisedSubgraph extends RunningServer {
  /** The process serving it now (undefined while it is being restarted). */
  pid(): number | undefined;
  /** Hands the process the other subgraphs' addresses (again after each restart). */
  shareUrls(): void;
}

export interface SuperviseOptions {
  /** The subgraph's environment: DATABASE_URL, keys, secrets (serve-subgraph.ts lists them). */
  env: Record<string, string>;
  /** 0 picks a free one at the first start; a restart reuses the port it got. */
  port: number;
  host: string;
  /** Every subgraph's address, filled in as they start: sent to the process whenever it (re)starts. */
  subgraphUrls: Record<string, string>;
  log?: (line: string) => void;
  /** Another build of `serve-subgraph` to run, e.g. the compiled one (`infra/dist/`, with `--conditions=compiled`). */
  entry?: SubgraphEntry;
}

export interface SubgraphEntry {
  script: string;
  execArgv: string[];
}

const FIRST_PAUSE_MS = 500;
const LONGEST_PAUSE_MS = 30_000;
/** A process that ran this long before dying starts the pauses over. */
const STABLE_MS = 30_000;

// serve-subgraph.ts under tsx, serve-subgraph.js in the build: the same folder and extension as this file.
const here = fileURLToPath(import.meta.url);
const ENTRY = path.join(path.dirname(here), `serve-subgraph${path.extname(here)}`);

/** Starts one subgraph's process; resolves when it listens, rejects with one sentence when it cannot start. */
export async function superviseSubgraph(name: string, options: SuperviseOptions): Promise<SupervisedSubgraph> {
  const log = options.log ?? ((line: string) => console.error(line));
  let port = options.port;
  let child: ChildProcess | undefined;
  let url = '';
  let stopping = false;
  /** After the first start: a failed first start is the caller's to report, not retried. */
  let supervising = false;
  let pause = FIRST_PAUSE_MS;
  let timer: NodeJS.Timeout | undefined;

  const send = (message: SupervisorMessage) => {
    if (child?.connected) {
      child.send(message);
    }
  };
  const shareUrls = () => send({ type: 'subgraph-urls', urls: { ...options.subgraphUrls } });

  /** One process: resolves with its address once it listens, rejects with its own last word if it exits first. */
  const launch = () =>
    new Promise<ChildProcess>((resolve, reject) => {
      const started = Date.now();
      const process_ = fork(options.entry?.script ?? ENTRY, [name], {
        // The subgraph's own heap bounds (heap-flags.ts), not this process's.
        execArgv: withHeapFlags(options.entry?.execArgv ?? process.execArgv, name as ServingProcess),
        env: {
          ...process.env,
          ...options.env,
          PORT: String(port),
          HOST: options.host,
          SUBGRAPH_URLS: Object.entries(options.subgraphUrls)
            .map(([n, u]) => `${n}=${u}`)
            .join(','),
        },
        // Its own process group: a Ctrl-C in the terminal reaches the start process, which stops the subgraphs in
        // order; a subgraph whose supervisor dies stops itself (serve-subgraph.ts, on `disconnect`).
        detached: true,
        stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      });
      let lastWords = '';
      process_.stderr!.on('data', (chunk: Buffer) => {
        process.stderr.write(chunk);
        lastWords = (lastWords + chunk.toString()).slice(-2000);
      });
      process_.on('message', (message: SupervisorMessage) => {
        if (message.type === 'listening') {
          url = message.url;
          port = Number(new URL(message.url).port);
          resolve(process_);
        }
      });
      process_.on('exit', (code, signal) => {
        const said = lastWords.trim().split('\n').at(-1);
        reject(new Error(said || `The ${name} subgraph exited (${signal ?? `code ${code}`}) before it listened.`));
        if (child !== process_ || stopping || !supervising) {
          return;
        }
        child = undefined;
        if (Date.now() - started > STABLE_MS) {
          pause = FIRST_PAUSE_MS;
        }
        log(`The ${name} subgraph stopped (${signal ?? `exit code ${code}`}); restarting it in ${pause / 1000} s.`);
        timer = setTimeout(restart, pause);
        pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
      });
      child = process_;
    });

  const restart = () => {
    timer = undefined;
    if (stopping) {
      return;
    }
    launch().then(
      (process_) => {
        log(`The ${name} subgraph is back at ${url} (process ${process_.pid}).`);
        shareUrls();
      },
      (error: Error) => {
        // Its exit handler has scheduled the next attempt already; say why this one failed.
        log(`The ${name} subgraph did not restart: ${error.message}`);
      },
    );
  };

  await launch();
  supervising = true;
  return {
    get url() {
      return url;
    },
    pid: () => child?.pid,
    shareUrls,
    async stop() {
      stopping = true;
      clearTimeout(timer);
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) {
        return;
      }
      const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
      running.kill('SIGTERM');
      const patience = setTimeout(() => running.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(patience);
    },
  };
}
