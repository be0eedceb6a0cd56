/**
 * The disclosure-control algorithm alone: primary and complementary suppression, and an attacker
 * who looks for another table, consistent with everything published, in which a hidden cell differs.
 */

import { alternatives } from '../../../../test/support/disclosure-attack.js';
import { type SumConstraint, suppress } from '../../src/domain/disclosure.js';

/** Förbund × hemkommun: parts per förbund, a total per förbund, a county total. */
function county(rows: Record<string, Record<string, number>>) {
  const values = new Map<string, number>();
  const sums: SumConstraint[] = [];
  for (const [f, cells] of Object.entries(rows)) {
    for (const [k, v] of Object.entries(cells)) {
      values.set(`${f}/${k}`, v);
    }
    values.set(
      f,
      Object.values(cells).reduce((a, b) => a + b, 0),
    );
    sums.push({ total: f, parts: Object.keys(cells).map((k) => `${f}/${k}`) });
  }
  values.set(
    'county',
    Object.keys(rows).reduce((a, f) => a + values.get(f)!, 0),
  );
  sums.push({ total: 'county', parts: Object.keys(rows) });
  return { values, sums };
}

describe('suppression', () => {
  it('hides a 3 and a complement; no hidden value can be recovered from the totals', () => {
    const { values, sums } = county({
      norra: { fagersta: 14, hallsta: 15, norberg: 3, sala: 18, skb: 5, sura: 13 },
      vasteras: { vasteras: 40 },
    });
    const hidden = suppress(values, sums, 5);
    expect(hidden.has('norra/norberg')).toBe(true);
    expect(hidden.size).toBeGreaterThanOrEqual(2);
    expect(hidden.has('norra')).toBe(false); // totals stay published when parts can protect
    expect(alternatives(values, sums, hidden)).toEqual(hidden);
  });

  it('protects through chains of sums: a förbund with one small cell and one other förbund', () => {
    const { values, sums } = county({ a: { x: 2 }, b: { y: 30, z: 40 } });
    const hidden = suppress(values, sums, 5);
    // a/x = a, so a is hidden; the county total would give a away unless b is hidden, and b
    // then needs one of its parts hidden.
    expect([...hidden].sort()).toEqual(['a', 'a/x', 'b', 'b/y']);
    expect(alternatives(values, sums, hidden)).toEqual(hidden);
  });

  it('is needed: without complements the attacker recovers the hidden cell', () => {
    const { values, sums } = county({ norra: { norberg: 3, sala: 18 } });
    expect(alternatives(values, sums, new Set(['norra/norberg']))).toEqual(new Set());
    expect(alternatives(values, sums, suppress(values, sums, 5)).has('norra/norberg')).toBe(true);
  });

  it('publishes zeros and counts at the threshold', () => {
    const { values, sums } = county({ a: { x: 0, y: 5, z: 9 } });
    expect(suppress(values, sums, 5)).toEqual(new Set());
  });
});
