/**
 * Open-loop load: requests leave at arrival times fixed beforehand (Poisson or evenly spaced),
 * whether or not earlier ones have been answered, as many independent users would send them. Each
 * latency runs from the request's scheduled time, not from when it was actually sent: if the
 * sender falls behind (its own event loop busy, a stall), that delay counts against the system
 * instead of being hidden (coordinated omission). No process or socket here: load.ts gives it a
 * real clock and fetch, the unit tests a fake one.
 */

export type ArrivalKind = 'poisson' | 'fixed';

/** The send times, in ms from the start, of `rate` requests a second over `seconds`. */
export function arrivalTimes(rate: number, seconds: number, kind: ArrivalKind, random: () => number): number[] {
  const end = seconds * 1000;
  const gap = 1000 / rate;
  const times: number[] = [];
  if (kind === 'fixed') {
    for (let t = 0; t < end; t += gap) {
      times.push(t);
    }
    return times;
  }
  // Exponential gaps: a Poisson process of the given rate.
  for (let t = -Math.log(1 - random()) * gap; t < end; t += -Math.log(1 - random()) * gap) {
    times.push(t);
  }
  return times;
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface OpenLoopRun {
  /** Requests sent. */
  sent: number;
  /** How late the latest send left after its scheduled time, in ms: the generator's own lag. */
  maxSendLagMs: number;
}

/**
 * Sends request `i` at `start + offsets[i]` and reports each outcome with its latency measured
 * from that scheduled time. Resolves when every request has been answered (or has failed).
 */
export async function runOpenLoop<T>(
  offsets: readonly number[],
  send: (i: number) => Promise<T>,
  done: (i: number, latencyMs: number, outcome: { result: T } | { error: unknown }) => void,
  clock: Clock,
): Promise<OpenLoopRun> {
  const start = clock.now();
  const pending: Promise<void>[] = [];
  let maxSendLagMs = 0;
  for (let i = 0; i < offsets.length; i++) {
    const due = start + offsets[i]!;
    const wait = due - clock.now();
    if (wait > 0) {
      await clock.sleep(wait);
    }
    maxSendLagMs = Math.max(maxSendLagMs, clock.now() - due);
    pending.push(
      send(i).then(
        (result) => done(i, clock.now() - due, { result }),
        (error: unknown) => done(i, clock.now() - due, { error }),
      ),
    );
  }
  await Promise.all(pending);
  return { sent: offsets.length, maxSendLagMs };
}
