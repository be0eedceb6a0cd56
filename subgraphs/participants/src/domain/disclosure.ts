/**
 * The disclosure policy for every figure about people (statistics, year reports, the county view,
 * exports), written once.
 *
 * - A minimum n (`DISCLOSURE_THRESHOLD`, default 5): a count from 1 to n − 1 is suppressed (primary);
 *   a zero shows no person and is published. An average or share over fewer than n is suppressed.
 * - Suppressed is shown as suppressed (`{ suppressed: true, value: null }`), never as 0.
 * - Complementary suppression: further cells are hidden until no count from 1 to n − 1 — published
 *   or only derivable (a second half-year that is a year minus its first half) — can be worked out
 *   from what is published: the sums of the whole table are solved together as a linear system, and
 *   what an attacker knows besides is used too — a count is never negative, and a cell that is only
 *   listed when someone is in it is at least 1 (`lower`).
 * - Every period published for the same people goes into one table (a year, its half-years and the
 *   year before; ./year-figures.ts), so no two answers can be differenced.
 * - Windows of statistics shorter than a month are refused for callers who see no person.
 */
import { badArgument } from '@finsam/kit/errors.js';

/** The smallest count and the fewest people behind an average that are published. */
export const DISCLOSURE_THRESHOLD = thresholdFromEnvironment(process.env.FINSAM_DISCLOSURE_THRESHOLD);

/** The configured minimum n: a whole number of at least 2, else the default 5. */
export function thresholdFromEnvironment(raw: string | undefined): number {
  const n = Number(raw ?? 5);
  return Number.isInteger(n) && n >= 2 ? n : 5;
}

/** `total = parts[0] + parts[1] + …`. */
export interface SumConstraint {
  total: string;
  parts: string[];
}

export interface Published {
  suppressed: boolean;
  value: number | null;
}

export interface Cell {
  value: number;
  /** What anyone knows the count is at least: 1 when the cell is only listed with someone in it. */
  lower?: number;
  /** Shown to someone; false for a figure nobody is shown but that sums may give (a second half-year). */
  published?: boolean;
  /** Decided by an earlier table (the year before): keeps the state it has in `hidden`. */
  fixed?: boolean;
  /** What hiding it costs readers (default: its value); complements are chosen cheapest first. */
  cost?: number;
}

export interface Table {
  cells: ReadonlyMap<string, Cell>;
  sums: readonly SumConstraint[];
}

const isSmall = (v: number, threshold: number) => v > 0 && v < threshold;

/**
 * Which published cells to suppress. `fixedHidden` are the fixed cells hidden by an earlier table.
 * Primary: every published count from 1 to threshold − 1. Then, while some count from 1 to
 * threshold − 1 (published or not) is pinned down by what is published, hide a published
 * neighbour of it (the smallest, so as little as possible is lost), and look again.
 */
export function protect(table: Table, threshold: number, fixedHidden: ReadonlySet<string> = new Set()): Set<string> {
  const { cells, sums } = table;
  const hidden = new Set<string>();
  for (const [id, c] of cells) {
    if (c.published !== false && (c.fixed ? fixedHidden.has(id) : isSmall(c.value, threshold))) {
      hidden.add(id);
    }
  }
  const unknown = (id: string) => cells.get(id)?.published === false || hidden.has(id);
  const candidate = (id: string) => {
    const c = cells.get(id);
    return c !== undefined && c.published !== false && !c.fixed && !hidden.has(id);
  };
  const sumsOf = new Map<string, SumConstraint[]>();
  for (const s of sums) {
    for (const id of [s.total, ...s.parts]) {
      const list = sumsOf.get(id);
      if (list) {
        list.push(s);
      } else {
        sumsOf.set(id, [s]);
      }
    }
  }
  const cost = (id: string) => cells.get(id)!.cost ?? cells.get(id)!.value;
  const cheapest = (ids: Iterable<string>) =>
    [...new Set(ids)].filter(candidate).sort((a, b) => cost(a) - cost(b) || a.localeCompare(b))[0];
  /** Every cell of the sums that tie `id` to other unknowns: where a complement can help it. */
  const reach = (id: string) => {
    const seen = new Set([id]);
    const stack = [id];
    const found = new Set<SumConstraint>();
    while (stack.length) {
      for (const s of sumsOf.get(stack.pop()!) ?? []) {
        if (found.has(s)) {
          continue;
        }
        found.add(s);
        for (const m of [s.total, ...s.parts]) {
          if (unknown(m) && !seen.has(m)) {
            seen.add(m);
            stack.push(m);
          }
        }
      }
    }
    return [...found].flatMap((s) => [s.total, ...s.parts]);
  };
  let stuck = new Set<string>();
  const solved = new Map<string, string[]>();
  for (;;) {
    const pinned = exposed(table, unknown, threshold, solved);
    if (!pinned.length) {
      return hidden;
    }
    let changed = false;
    const touched = new Set<SumConstraint>();
    for (const id of pinned) {
      const around = sumsOf.get(id) ?? [];
      if (around.some((s) => touched.has(s))) {
        continue; // a pick this round is beside it already: look again first
      }
      // The cheapest cell beside it; when that did not free it last round, the cheapest anywhere
      // in the sums that tie it to other unknowns.
      const beside = stuck.has(id) ? undefined : cheapest(around.flatMap((s) => [s.total, ...s.parts]));
      const pick = beside ?? cheapest(reach(id));
      if (pick && !hidden.has(pick)) {
        hidden.add(pick);
        changed = true;
        for (const s of sumsOf.get(pick) ?? []) {
          touched.add(s);
        }
      }
    }
    if (!changed) {
      return hidden; // nothing left that could be hidden: only fixed cells around
    }
    stuck = new Set(pinned);
  }
}

/** The small counts an attacker can work out: unknown, and fixed by the sums and the lower bounds. */
export function exposed(
  table: Table,
  unknown: (id: string) => boolean,
  threshold: number,
  solved?: Map<string, string[]>,
): string[] {
  const pinned = pinnedDown(table, unknown, solved);
  return [...table.cells]
    .filter(([id, c]) => isSmall(c.value, threshold) && unknown(id) && pinned.has(id))
    .map(([id]) => id)
    .sort();
}

/**
 * Which unknown cells the known cells, the sums and the bounds fix to one value. The sums become
 * rows over the unknowns (known values moved to the right-hand side); a cell is fixed when its unit
 * vector is a row of the reduced row echelon form (plain linear differencing), or when interval
 * propagation over the rows — original and reduced — leaves it one integer (differencing with
 * bounds: `x + y = 2` with both listed gives `x = y = 1`). Solved per connected group of unknowns.
 */
export function pinnedDown(
  table: Table,
  unknown: (id: string) => boolean,
  solved: Map<string, string[]> = new Map(),
): Set<string> {
  const { cells, sums } = table;
  const ids = [...cells.keys()].filter(unknown);
  const index = new Map(ids.map((id, i) => [id, i]));
  const rows: Row[] = [];
  for (const s of sums) {
    const coef = new Map<number, number>();
    let rhs = 0;
    const add = (id: string, sign: number) => {
      const i = index.get(id);
      if (i === undefined) {
        rhs -= sign * (cells.get(id)?.value ?? 0);
      } else {
        coef.set(i, (coef.get(i) ?? 0) + sign);
      }
    };
    add(s.total, -1);
    for (const p of s.parts) {
      add(p, 1);
    }
    const entries = [...coef].filter(([, c]) => c !== 0);
    if (entries.length) {
      rows.push({ entries, rhs });
    }
  }
  // Peel first: a row with one unknown left fixes it (most second half-years are a year less its
  // first half); what it fixes is known from then on. Only what remains needs the linear algebra.
  const pinned = new Set<string>();
  const fixedVar = new Set<number>();
  const users = new Map<number, number[]>();
  rows.forEach((r, k) => {
    for (const [i] of r.entries) {
      const list = users.get(i);
      if (list) {
        list.push(k);
      } else {
        users.set(i, [k]);
      }
    }
  });
  const open = rows.map((r) => r.entries.length);
  const queue = rows.flatMap((_, k) => (open[k] === 1 ? [k] : []));
  while (queue.length) {
    const k = queue.pop()!;
    const left = rows[k]!.entries.find(([i]) => !fixedVar.has(i));
    if (!left) {
      continue;
    }
    fixedVar.add(left[0]);
    pinned.add(ids[left[0]]!);
    for (const u of users.get(left[0]) ?? []) {
      if (--open[u]! === 1) {
        queue.push(u);
      }
    }
  }
  const rest = rows
    .map((r) => ({
      entries: r.entries.filter(([i]) => !fixedVar.has(i)),
      rhs: r.rhs - r.entries.reduce((a, [i, c]) => a + (fixedVar.has(i) ? c * cells.get(ids[i]!)!.value : 0), 0),
    }))
    .filter((r) => r.entries.length);
  for (const group of groups(ids.length, rest)) {
    // A group's answer depends only on which cells are in it (the rest are known or pinned, at their
    // true values): remembered across the rounds of `protect`, where most groups do not change.
    const key = group.vars.map((i) => ids[i]).join(',');
    let found = solved.get(key);
    if (!found) {
      const fixedHere = new Set<number>();
      const reduced = rref(group.rows, group.vars);
      for (const r of reduced) {
        if (r.entries.length === 1) {
          fixedHere.add(r.entries[0]![0]);
        }
      }
      const lower = new Map(group.vars.map((i) => [i, cells.get(ids[i]!)!.lower ?? 0]));
      const upper = new Map(group.vars.map((i) => [i, Number.POSITIVE_INFINITY]));
      // Long reduced rows bound little and cost much: propagate over the sums and the short ones.
      propagate([...group.rows, ...reduced.filter((r) => r.entries.length <= 6)], lower, upper);
      for (const i of group.vars) {
        if (lower.get(i) === upper.get(i)) {
          fixedHere.add(i);
        }
      }
      found = [...fixedHere].map((i) => ids[i]!);
      solved.set(key, found);
    }
    for (const id of found) {
      pinned.add(id);
    }
  }
  return pinned;
}

interface Row {
  entries: [number, number][];
  rhs: number;
}

/** Unknowns tied together by rows, each with its rows. */
function groups(n: number, rows: Row[]): { vars: number[]; rows: Row[] }[] {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (const r of rows) {
    for (const [i] of r.entries.slice(1)) {
      parent[find(i)] = find(r.entries[0]![0]);
    }
  }
  const byRoot = new Map<number, { vars: number[]; rows: Row[] }>();
  const of = (i: number) => {
    const root = find(i);
    let g = byRoot.get(root);
    if (!g) {
      g = { vars: [], rows: [] };
      byRoot.set(root, g);
    }
    return g;
  };
  for (let i = 0; i < n; i++) {
    of(i).vars.push(i);
  }
  for (const r of rows) {
    of(r.entries[0]![0]).rows.push(r);
  }
  return [...byRoot.values()].filter((g) => g.rows.length);
}

const EPS = 1e-9;

/**
 * Reduced row echelon form of the rows over `vars` (Gauss–Jordan), kept sparse: the sums are short
 * and hang together like a tree, so pivoting on the shortest row and its rarest column keeps rows
 * short too (a dense elimination of a few hundred unknowns was most of the time spent).
 */
function rref(rows: Row[], _vars: number[]): Row[] {
  const live = rows.map((r) => ({ coef: new Map(r.entries), rhs: r.rhs, pivot: -1 }));
  const where = new Map<number, Set<number>>();
  live.forEach((r, k) => {
    for (const i of r.coef.keys()) {
      (where.get(i) ?? where.set(i, new Set()).get(i)!).add(k);
    }
  });
  const open = new Set(live.keys());
  while (open.size) {
    let k = -1;
    for (const c of open) {
      if (k < 0 || live[c]!.coef.size < live[k]!.coef.size) {
        k = c;
      }
    }
    open.delete(k);
    const row = live[k]!;
    if (!row.coef.size) {
      continue;
    }
    let col = -1;
    for (const i of row.coef.keys()) {
      if (col < 0 || where.get(i)!.size < where.get(col)!.size) {
        col = i;
      }
    }
    const pv = row.coef.get(col)!;
    for (const [i, c] of row.coef) {
      row.coef.set(i, c / pv);
    }
    row.rhs /= pv;
    row.pivot = col;
    for (const other of [...where.get(col)!]) {
      if (other === k) {
        continue;
      }
      const o = live[other]!;
      const f = o.coef.get(col)!;
      for (const [i, c] of row.coef) {
        const v = (o.coef.get(i) ?? 0) - f * c;
        if (Math.abs(v) > EPS) {
          if (!o.coef.has(i)) {
            where.get(i)!.add(other);
          }
          o.coef.set(i, v);
        } else if (o.coef.has(i)) {
          o.coef.delete(i);
          where.get(i)!.delete(other);
        }
      }
      o.rhs -= f * row.rhs;
    }
  }
  return live.filter((r) => r.pivot >= 0).map((r) => ({ entries: [...r.coef], rhs: r.rhs }));
}

/**
 * Narrows integer bounds through `Σ a·x = rhs` rows until nothing changes (at most 30 passes: a bound
 * that still creeps after that is one no attacker pins down either).
 */
function propagate(rows: Row[], lower: Map<number, number>, upper: Map<number, number>) {
  for (let pass = 0; pass < 30; pass++) {
    let changed = false;
    for (const { entries, rhs } of rows) {
      // The least and the most the whole left side can be, and how many terms are unbounded there.
      let [loSum, hiSum, loInf, hiInf] = [0, 0, 0, 0];
      for (const [i, a] of entries) {
        const [l, u] = a > 0 ? [a * lower.get(i)!, a * upper.get(i)!] : [a * upper.get(i)!, a * lower.get(i)!];
        if (Number.isFinite(l)) {
          loSum += l;
        } else {
          loInf++;
        }
        if (Number.isFinite(u)) {
          hiSum += u;
        } else {
          hiInf++;
        }
      }
      if (loInf > 1 && hiInf > 1) {
        continue; // nothing to learn from this row yet
      }
      for (const [i, a] of entries) {
        const [l, u] = a > 0 ? [a * lower.get(i)!, a * upper.get(i)!] : [a * upper.get(i)!, a * lower.get(i)!];
        // rhs − (the others at their most) ≤ a·x ≤ rhs − (the others at their least)
        const othersLo = Number.isFinite(l) ? (loInf ? -Infinity : loSum - l) : loInf > 1 ? -Infinity : loSum;
        const othersHi = Number.isFinite(u) ? (hiInf ? Infinity : hiSum - u) : hiInf > 1 ? Infinity : hiSum;
        const [from, to] = [rhs - othersHi, rhs - othersLo];
        const [min, max] = a > 0 ? [from / a, to / a] : [to / a, from / a];
        const [lo, hi] = [Math.ceil(min - 1e-6), Math.floor(max + 1e-6)];
        if (lo > lower.get(i)!) {
          lower.set(i, lo);
          changed = true;
        }
        if (hi < upper.get(i)!) {
          upper.set(i, hi);
          changed = true;
        }
      }
    }
    if (!changed) {
      return;
    }
  }
}

/**
 * The older form: a table of published counts and sums, at least 0 each; the cells to hide.
 * Kept for callers with plain tables.
 */
export function suppress(
  values: ReadonlyMap<string, number>,
  sums: readonly SumConstraint[],
  threshold: number,
): Set<string> {
  return protect({ cells: new Map([...values].map(([id, value]) => [id, { value }])), sums }, threshold);
}

/** A cell as published: the value, or marked suppressed without one (never 0). */
export function published(id: string, values: ReadonlyMap<string, number>, hidden: ReadonlySet<string>): Published {
  return hidden.has(id) ? { suppressed: true, value: null } : { suppressed: false, value: values.get(id) ?? 0 };
}

/** A count published as it is (for callers who see the persons behind it anyway). */
export const shown = (value: number | null): Published => ({ suppressed: false, value });
export const SUPPRESSED: Published = { suppressed: true, value: null };

/** An average or share: suppressed when fewer than the threshold are behind it. */
export const average = (value: number | null, n: number, threshold: number): Published =>
  n > 0 && n < threshold ? SUPPRESSED : { suppressed: false, value };

/**
 * A window of statistics for a caller who sees no person: at least a calendar month (from the 3rd
 * of one month to the 2nd of the next, or longer). Shorter windows are refused, naming `argument`.
 */
export function checkWindow(from: string, to: string, argument = 'to') {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m, d)); // a month later; JS rolls 31 Jan + 1 month to 3 March
  if (next.getUTCDate() !== d) {
    next.setUTCDate(0); // … so take the last day of the next month instead
    next.setUTCDate(next.getUTCDate() + 1);
  }
  const lastDay = new Date(next.getTime() - 86_400_000).toISOString().slice(0, 10);
  if (to < lastDay) {
    throw badArgument(argument, `A window of statistics is at least a month: to ${lastDay} or later`);
  }
}
