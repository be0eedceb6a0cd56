/**
 * An attacker on a suppressed table: looks for another table, consistent with every published
 * cell and sum and with counts ≥ 0, in which a hidden cell has a different value. Shared by the
 * algorithm's unit test and the county view's end-to-end test.
 */
import type { SumConstraint } from '@finsam/participants/domain/disclosure.js';

/** Every vector of −1/0/+1 steps over the hidden cells that keeps all sums and all counts ≥ 0. */
export function alternatives(values: Map<string, number>, sums: SumConstraint[], hidden: Set<string>): Set<string> {
  const ids = [...hidden];
  const movable = new Set<string>();
  const step = (i: number, delta: Map<string, number>) => {
    if (i === ids.length) {
      if ([...delta.values()].every((d) => d === 0)) {
        return;
      }
      const balanced = sums.every(
        (s) => s.parts.reduce((a, p) => a + (delta.get(p) ?? 0), 0) === (delta.get(s.total) ?? 0),
      );
      if (balanced) {
        for (const [id, d] of delta) {
          if (d !== 0) {
            movable.add(id);
          }
        }
      }
      return;
    }
    for (const d of [-1, 0, 1]) {
      if (values.get(ids[i]!)! + d < 0) {
        continue;
      }
      step(i + 1, new Map(delta).set(ids[i]!, d));
    }
  };
  step(0, new Map());
  return movable;
}
