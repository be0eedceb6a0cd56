/**
 * Disclosure control for published tables of counts of people (the county view).
 *
 * A table is a set of cells and the sums it publishes (`total = parts…`). Primary suppression:
 * every count from 1 to threshold − 1 (a zero shows no person). Complementary suppression: then,
 * until nothing changes, (a) a sum with exactly one hidden member gets its smallest other member
 * hidden too, and (b) any hidden cell that the published figures still pin down — solved as a
 * linear system over all sums at once, so chains across sums are caught — gets a neighbour hidden.
 */

export interface SumConstraint {
  total: string;
  parts: string[];
}

export interface Published {
  suppressed: boolean;
  value: number | null;
}

export function suppress(
  values: ReadonlyMap<string, number>,
  sums: readonly SumConstraint[],
  threshold: number,
): Set<string> {
  const hidden = new Set([...values].filter(([, v]) => v > 0 && v < threshold).map(([id]) => id));
  const smallestVisible = (ids: string[]) =>
    ids.filter((id) => !hidden.has(id)).sort((a, b) => values.get(a)! - values.get(b)! || a.localeCompare(b))[0];
  for (;;) {
    let changed = false;
    for (const s of sums) {
      const members = [s.total, ...s.parts];
      if (members.filter((id) => hidden.has(id)).length !== 1) {
        continue;
      }
      // Prefer a part over the total: the total is usually the figure readers need.
      const pick = smallestVisible(s.parts) ?? smallestVisible([s.total]);
      if (pick) {
        hidden.add(pick);
        changed = true;
      }
    }
    if (changed) {
      continue;
    }
    const isDetermined = determined(sums, hidden);
    const exposed = [...hidden].find((id) => isDetermined(id));
    if (!exposed) {
      return hidden;
    }
    const pick = sums
      .filter((s) => s.total === exposed || s.parts.includes(exposed))
      .map((s) => smallestVisible([...s.parts, s.total]))
      .find(Boolean);
    if (!pick) {
      return hidden; // every neighbour is hidden already: nothing more can help
    }
    hidden.add(pick);
  }
}

/**
 * Whether the published cells and sums fix a hidden cell `id` (its unit vector lies in the row
 * space). The rows and their rank depend only on the sums and the hidden set: built once here,
 * then each cell asked about adds only its own row.
 */
export function determined(sums: readonly SumConstraint[], hidden: ReadonlySet<string>): (id: string) => boolean {
  const unknowns = [...hidden];
  const rows = sums
    .map((s) => unknowns.map((u) => (u === s.total ? -1 : 0) + s.parts.filter((p) => p === u).length))
    .filter((r) => r.some((c) => c !== 0));
  const rowRank = rank(rows);
  return (id) => rank([...rows, unknowns.map((u) => (u === id ? 1 : 0))]) === rowRank;
}

function rank(matrix: number[][]): number {
  const m = matrix.map((r) => [...r]);
  let r = 0;
  for (let c = 0; c < (m[0]?.length ?? 0) && r < m.length; c++) {
    const pivot = m.findIndex((row, i) => i >= r && Math.abs(row[c]!) > 1e-9);
    if (pivot < 0) {
      continue;
    }
    [m[r], m[pivot]] = [m[pivot]!, m[r]!];
    for (let i = 0; i < m.length; i++) {
      if (i === r) {
        continue;
      }
      const f = m[i]![c]! / m[r]![c]!;
      if (f) {
        m[i] = m[i]!.map((v, j) => v - f * m[r]![j]!);
      }
    }
    r++;
  }
  return r;
}

/** A cell as published: the value, or marked suppressed without one (never 0). */
export function published(id: string, values: ReadonlyMap<string, number>, hidden: ReadonlySet<string>): Published {
  return hidden.has(id) ? { suppressed: true, value: null } : { suppressed: false, value: values.get(id) ?? 0 };
}
