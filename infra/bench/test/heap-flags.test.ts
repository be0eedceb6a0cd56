/** The serving processes' heap bounds (infra/src/heap-flags.ts): each child gets its own, never its parent's. */
import { heapFlags, OLD_SPACE_MB, SEMI_SPACE_MB, withHeapFlags } from '../../src/heap-flags.js';

it('bounds the young and the old generation of every serving process', () => {
  for (const [name, mb] of Object.entries(OLD_SPACE_MB)) {
    expect(heapFlags(name as keyof typeof OLD_SPACE_MB)).toEqual([
      `--max-semi-space-size=${SEMI_SPACE_MB}`,
      `--max-old-space-size=${mb}`,
    ]);
  }
});

it("replaces the parent's heap flags with the child's and keeps the other arguments", () => {
  // npm start's process runs with the gateway's bounds; a subgraph it forks must not inherit them.
  const parent = ['--max-semi-space-size=16', '--max-old-space-size=384', '--import', 'tsx', '--max_old_space_size=9'];
  expect(withHeapFlags(parent, 'participants')).toEqual([
    '--import',
    'tsx',
    `--max-semi-space-size=${SEMI_SPACE_MB}`,
    `--max-old-space-size=${OLD_SPACE_MB.participants}`,
  ]);
  expect(withHeapFlags(['--conditions=compiled'], 'finance')).toEqual([
    '--conditions=compiled',
    ...heapFlags('finance'),
  ]);
});
