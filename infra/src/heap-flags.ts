/**
 * V8 heap bounds of the platform's serving processes (the gateway and each subgraph), written once: `npm start`'s
 * supervisor forks each subgraph with them, `npm start` runs its gateway process with the gateway's (package.json),
 * the bench forks its processes with them, and the Kubernetes manifests pass them to `node` (test/manifests.test.ts
 * checks all of these agree). Why these values: docs/decisions.md "Heap bounds per process".
 *
 * - `--max-semi-space-size`: Node 24 lets the young generation grow to two semi-spaces of 64 MiB on a machine with
 *   this much memory, 128 MiB of RSS per process that is mostly garbage between scavenges. 16 MiB keeps it at 32.
 * - `--max-old-space-size`: the default limit is ~4 GiB, so V8 lets the old generation grow to several times the
 *   live heap before a full collection. A bound per process makes it collect sooner; each is the largest live heap
 *   measured under the bench's mix with about 2× headroom, so a spike is collected, never an out-of-memory crash.
 */

/** The processes that serve requests, by the name the supervisor and the bench use. */
export type ServingProcess = 'gateway' | 'governance' | 'teams' | 'participants' | 'indicators' | 'finance';

/** Most young generation per semi-space, MiB (the young generation is two of them). */
export const SEMI_SPACE_MB = 16;

/** Most old generation, MiB, per process. */
export const OLD_SPACE_MB: Readonly<Record<ServingProcess, number>> = {
  gateway: 384,
  governance: 256,
  teams: 256,
  participants: 512,
  indicators: 192,
  finance: 192,
};

/** The flags a serving process is started with. */
export function heapFlags(name: ServingProcess): string[] {
  return [`--max-semi-space-size=${SEMI_SPACE_MB}`, `--max-old-space-size=${OLD_SPACE_MB[name]}`];
}

const HEAP_FLAG = /^--max[-_](semi|old)[-_]space[-_]size=/;

/**
 * `execArgv` for a child process that serves as `name`: its own heap flags in place of any its parent was started
 * with (`npm start`'s process carries the gateway's), the rest (`--import tsx`, `--conditions=compiled`) kept.
 */
export function withHeapFlags(execArgv: readonly string[], name: ServingProcess): string[] {
  return [...execArgv.filter((arg) => !HEAP_FLAG.test(arg)), ...heapFlags(name)];
}
