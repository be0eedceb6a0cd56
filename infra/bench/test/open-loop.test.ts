import { arrivalTimes, type Clock, runOpenLoop } from '../open-loop.js';
import { seededRandom } from '../stats.js';

/**
 * A clock that only moves when told: a sleep moves it exactly, on a later turn of the event loop (so
 * answers already in settle first), and `advance` moves it at once (the sender busy).
 */
function fakeClock() {
  let t = 1_000;
  const clock: Clock & { advance(ms: number): void } = {
    now: () => t,
    sleep: (ms) =>
      new Promise((resolve) =>
        setImmediate(() => {
          t += ms;
          resolve();
        }),
      ),
    advance: (ms) => {
      t += ms;
    },
  };
  return clock;
}

describe('open-loop arrivals', () => {
  it('fixed: evenly spaced, rate × seconds of them', () => {
    const times = arrivalTimes(50, 2, 'fixed', seededRandom(1));
    expect(times).toHaveLength(100);
    expect(times[1]! - times[0]!).toBeCloseTo(20);
    expect(times.at(-1)!).toBeLessThan(2000);
  });

  it('Poisson: about rate × seconds of them, the same for the same seed, within the run', () => {
    const times = arrivalTimes(200, 10, 'poisson', seededRandom(7));
    expect(times.length).toBeGreaterThan(1800);
    expect(times.length).toBeLessThan(2200);
    expect(times).toEqual(arrivalTimes(200, 10, 'poisson', seededRandom(7)));
    expect(times.every((t, k) => t >= 0 && t < 10_000 && (k === 0 || t >= times[k - 1]!))).toBe(true);
    expect(arrivalTimes(200, 10, 'poisson', seededRandom(8))).not.toEqual(times);
  });
});

describe('open-loop latency accounting', () => {
  it('measures from the scheduled time: a stalled sender does not hide the wait (coordinated omission)', async () => {
    const clock = fakeClock();
    const latencies: number[] = [];
    // Answers come at once, but sending request 1 stalls the sender 100 ms: requests 2 and 3 leave late.
    const run = await runOpenLoop(
      [0, 10, 20, 30],
      async (i) => {
        if (i === 1) {
          clock.advance(100);
        }
        return i;
      },
      (i, latency) => {
        latencies[i] = latency;
      },
      clock,
    );
    expect(run.sent).toBe(4);
    // Due at 0, 10, 20 and 30; answered at 0, 110, 110 and 110. Timed from the actual send, all four
    // would read 0 ms.
    expect(latencies).toEqual([0, 100, 90, 80]);
    expect(run.maxSendLagMs).toBe(90);
  });

  it('reports failures with their latency too', async () => {
    const clock = fakeClock();
    const outcomes: string[] = [];
    await runOpenLoop(
      [0, 5],
      async (i) => {
        clock.advance(2);
        if (i === 1) {
          throw new Error('refused');
        }
        return 'ok';
      },
      (i, latency, outcome) => outcomes.push(`${i}:${latency}:${'error' in outcome ? 'error' : outcome.result}`),
      clock,
    );
    expect(outcomes).toEqual(['0:2:ok', '1:2:error']);
  });
});
