/**
 * Attackers on suppressed tables, shared by the algorithm's unit tests and the end-to-end tests.
 * Written apart from the algorithm (src/domain/disclosure.ts) on purpose: they must not share its
 * blind spots.
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

/**
 * Linear differencing with lower bounds: for every cell the attacker does not see, the least and
 * the most it can be given every published cell, every sum and what each cell is at least (0, or 1
 * for a cell listed only with someone in it) — two linear programmes per cell (simplex, Bland's rule).
 */
export function ranges(
  values: ReadonlyMap<string, number>,
  sums: readonly SumConstraint[],
  unknown: ReadonlySet<string>,
  lower: (id: string) => number = () => 0,
  wanted: (id: string) => boolean = () => true,
): Map<string, [number, number]> {
  const ids = [...unknown];
  const col = new Map(ids.map((id, j) => [id, j]));
  // Rows over y = x − lower ≥ 0: Σ parts − total = 0, known values and lower bounds to the right.
  const rows: { a: number[]; b: number }[] = [];
  for (const s of sums) {
    const a = new Array<number>(ids.length).fill(0);
    let b = 0;
    for (const [id, sign] of [[s.total, -1] as const, ...s.parts.map((p) => [p, 1] as const)]) {
      const j = col.get(id);
      if (j === undefined) {
        b -= sign * values.get(id)!;
      } else {
        a[j]! += sign;
        b -= sign * lower(id);
      }
    }
    if (a.some((x) => x !== 0)) {
      rows.push(b < 0 ? { a: a.map((x) => -x), b: -b } : { a, b });
    } else if (Math.abs(b) > 1e-9) {
      throw new Error(`The published figures contradict a sum (${s.total})`);
    }
  }
  // Solved per group of unknowns tied together by rows: far smaller programmes, the same answers.
  const group = ids.map((_, j) => j);
  const find = (j: number): number => {
    while (group[j] !== j) {
      j = group[j]!;
    }
    return j;
  };
  for (const r of rows) {
    const cols = r.a.flatMap((x, j) => (x !== 0 ? [j] : []));
    for (const j of cols.slice(1)) {
      group[find(j)] = find(cols[0]!);
    }
  }
  const out = new Map<string, [number, number]>();
  ids.forEach((id, j) => {
    if (!wanted(id)) {
      return;
    }
    const cols = ids.map((_, k) => k).filter((k) => find(k) === find(j));
    const mine = rows
      .filter((r) => cols.some((k) => r.a[k] !== 0))
      .map((r) => ({ a: cols.map((k) => r.a[k]!), b: r.b }));
    const c = cols.map((k) => (k === j ? 1 : 0));
    const [min, max] = mine.length ? [optimum(mine, c, 'min'), optimum(mine, c, 'max')] : [0, Number.POSITIVE_INFINITY];
    out.set(id, [min + lower(id), max + lower(id)]);
  });
  return out;
}

/** The cells whose value the attacker pins down to one whole number while it is from 1 to threshold − 1. */
export function recovered(
  values: ReadonlyMap<string, number>,
  sums: readonly SumConstraint[],
  unknown: ReadonlySet<string>,
  threshold: number,
  lower?: (id: string) => number,
): string[] {
  const small = (id: string) => values.get(id)! > 0 && values.get(id)! < threshold;
  return [...ranges(values, sums, unknown, lower, small)]
    .filter(([id, [min, max]]) => {
      const v = values.get(id)!;
      return v > 0 && v < threshold && Math.floor(max + 1e-6) - Math.ceil(min - 1e-6) < 1;
    })
    .map(([id]) => id)
    .sort();
}

/** min or max of c·y subject to A y = b (b ≥ 0), y ≥ 0; Infinity when unbounded. */
function optimum(rows: { a: number[]; b: number }[], c: number[], sense: 'min' | 'max'): number {
  const n = c.length;
  const m = rows.length;
  // Tableau: n variables, m artificials, right-hand side.
  const t = rows.map((r, i) => [...r.a, ...Array.from({ length: m }, (_, k) => (k === i ? 1 : 0)), r.b]);
  const basis = rows.map((_, i) => n + i);
  const width = n + m;
  const pivot = (r: number, k: number) => {
    const pv = t[r]![k]!;
    t[r] = t[r]!.map((x) => x / pv);
    for (let i = 0; i < m; i++) {
      if (i !== r && Math.abs(t[i]![k]!) > 1e-12) {
        const f = t[i]![k]!;
        t[i] = t[i]!.map((x, j) => x - f * t[r]![j]!);
      }
    }
    basis[r] = k;
  };
  /** Minimises cost·y over the current tableau, entering only columns `allowed`; false when unbounded. */
  const run = (cost: number[], allowed: (k: number) => boolean) => {
    for (let guard = 0; guard < 10_000; guard++) {
      const reduced = (k: number) => cost[k]! - basis.reduce((s, bk, i) => s + cost[bk]! * t[i]![k]!, 0);
      let enter = -1;
      for (let k = 0; k < width; k++) {
        if (allowed(k) && !basis.includes(k) && reduced(k) < -1e-9) {
          enter = k; // Bland: the lowest index
          break;
        }
      }
      if (enter < 0) {
        return true;
      }
      let leave = -1;
      for (let i = 0; i < m; i++) {
        if (t[i]![enter]! > 1e-9) {
          const ratio = t[i]![width]! / t[i]![enter]!;
          const best = leave < 0 ? Number.POSITIVE_INFINITY : t[leave]![width]! / t[leave]![enter]!;
          if (ratio < best - 1e-12 || (Math.abs(ratio - best) <= 1e-12 && basis[i]! < basis[leave]!)) {
            leave = i;
          }
        }
      }
      if (leave < 0) {
        return false;
      }
      pivot(leave, enter);
    }
    throw new Error('simplex did not finish');
  };
  // Phase 1: drive the artificials out.
  run(
    Array.from({ length: width }, (_, k) => (k >= n ? 1 : 0)),
    () => true,
  );
  const infeasibility = basis.reduce((s, bk, i) => s + (bk >= n ? t[i]![width]! : 0), 0);
  if (infeasibility > 1e-6) {
    throw new Error('The published figures have no solution');
  }
  for (let i = 0; i < m; i++) {
    if (basis[i]! >= n) {
      const k = t[i]!.findIndex((x, j) => j < n && Math.abs(x) > 1e-9);
      if (k >= 0) {
        pivot(i, k);
      }
    }
  }
  const cost = [...c.map((x) => (sense === 'min' ? x : -x)), ...new Array<number>(m).fill(0)];
  if (!run(cost, (k) => k < n)) {
    return sense === 'min' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  const value = basis.reduce((s, bk, i) => s + (bk < n ? c[bk]! * t[i]![width]! : 0), 0);
  return value;
}
