/**
 * A förbund's participant figures per year and half-year (Årsrapport, halvårsrapport, the county
 * view, Uppföljning Finsam), published under the disclosure policy (./disclosure.ts).
 *
 * Every period published for the same people is protected together. The table of year y holds
 * its first half (published), its second half (never published, but a year minus its first half
 * gives it, so it is protected as a cell of its own), the year, the participants carried into the
 * year, and the same for the year before, with every sum between them: nya of a year = its two
 * halves, totalt = carried in + nya, carried into y = totalt of y − 1 − avslutade of y − 1, an
 * insats = its kön and its remittenter, a förbund = its insatser = its hemkommuner + those without
 * consent. The year before is fixed as its own table left it, so each year's cells are suppressed
 * once, the same in every answer that shows them — the YEAR and HALF_YEAR reports of y, the
 * comparison column of y + 1, the county view, the export. Tables are built year by year from the
 * förbund's first half-year with participants.
 */

import { createHash } from 'node:crypto';
import { average, type Cell, type Published, protect, SUPPRESSED, type SumConstraint, shown } from './disclosure.js';
import { roundAverage, share } from './figures.js';

/** An average as published: rounded by the one rule (./figures.ts). */
export const rounded = (a: Published): Published => (a.value === null ? a : { ...a, value: roundAverage(a.value) });

/** One row of the half-year ledger (participation_half_year). */
export interface LedgerRow {
  intervention_id: string;
  year: number;
  half: 1 | 2;
  dim: 'ALL' | 'KON' | 'REFERRER' | 'HEMKOMMUN' | 'OUTCOME';
  key: string;
  new: number;
  exited: number;
  age_n: number;
  age_sum: number;
  step_forward: number;
}

export type Period = 'YEAR' | 'HALF_YEAR';
export const UNKNOWN_KOMMUN = 'OKAND';

export interface KeyCount {
  key: string;
  count: Published;
}
export interface InterventionYear {
  interventionId: string;
  new: Published;
  total: Published;
  exited: Published;
  newByReferrer: KeyCount[];
  newByKon: KeyCount[];
  totalByKon: KeyCount[];
  exitsByOutcome: KeyCount[];
  averageAgeAtEntry: Published;
  stepForwardShare: Published;
}
export interface HemkommunYear {
  scbCode: string;
  new: Published;
  total: Published;
  newPrevious: Published;
  totalPrevious: Published;
}
/** A förbund's figures for one period, as published. */
export interface DisclosedYear {
  hemkommuner: HemkommunYear[];
  interventions: InterventionYear[];
  new: Published;
  total: Published;
  exited: Published;
  /** Of all new participants with consent, rounded by the one rule (./figures.ts). */
  averageAgeAtEntry: Published;
  /** New per hemkommun with those without consent under OKAND; kommuner with someone new only. */
  newByHemkommun: { scbCode: string; new: Published }[];
  /** The förbund's new and total participations per kön, and exits per outcome, all insatser. */
  newByKon: KeyCount[];
  totalByKon: KeyCount[];
  exitsByOutcome: KeyCount[];
  /** Exits with a step forward (stegförflyttning, ./figures.ts), and their share of all exits. */
  stepForward: Published;
  stepForwardShare: Published;
}

/** A sum of published counts: suppressed when any part is. */
export const sumOfPublished = (parts: readonly Published[]): Published =>
  parts.some((p) => p.suppressed) ? SUPPRESSED : shown(parts.reduce((a, p) => a + p.value!, 0));

/** Each key's sum over several lists (a list without the key has nobody under it: 0). */
export function sumOfLists(lists: readonly KeyCount[][]): KeyCount[] {
  const keys = [...new Set(lists.flatMap((l) => l.map((c) => c.key)))].sort();
  return keys.map((key) => ({
    key,
    count: sumOfPublished(lists.map((l) => l.find((c) => c.key === key)?.count ?? shown(0))),
  }));
}

/** Steps of all exits: shown when both the steps and the exits are. */
export const stepShare = (step: Published, exited: Published): Published =>
  step.suppressed || exited.suppressed ? SUPPRESSED : shown(share(step.value!, exited.value!));

interface Atom {
  n: number;
  x: number;
  ageN: number;
  ageSum: number;
  step: number;
}
const half = (year: number, h: 1 | 2) => year * 2 + h - 1;
const ZERO: Atom = { n: 0, x: 0, ageN: 0, ageSum: 0, step: 0 };

/** A family of cells: one insats and dimension and key (or the whole förbund), over half-years. */
export interface Family {
  id: string;
  insats: string | null;
  dim: LedgerRow['dim'] | 'FORBUND' | 'OKAND';
  key: string;
  atoms: Map<number, Atom>;
}

function families(rows: readonly LedgerRow[]): Map<string, Family> {
  const out = new Map<string, Family>();
  const add = (id: string, f: Omit<Family, 'atoms' | 'id'>, h: number, a: Partial<Atom>, sign = 1) => {
    let fam = out.get(id);
    if (!fam) {
      fam = { id, ...f, atoms: new Map() };
      out.set(id, fam);
    }
    const old = fam.atoms.get(h) ?? ZERO;
    fam.atoms.set(h, {
      n: old.n + sign * (a.n ?? 0),
      x: old.x + sign * (a.x ?? 0),
      ageN: old.ageN + sign * (a.ageN ?? 0),
      ageSum: old.ageSum + sign * (a.ageSum ?? 0),
      step: old.step + sign * (a.step ?? 0),
    });
  };
  for (const r of rows) {
    const h = half(r.year, r.half);
    const atom = { n: r.new, x: r.exited, ageN: r.age_n, ageSum: r.age_sum, step: r.step_forward };
    if (r.dim === 'HEMKOMMUN') {
      add(`F|HK|${r.key}`, { insats: null, dim: 'HEMKOMMUN', key: r.key }, h, atom);
      add('F|OKAND', { insats: null, dim: 'OKAND', key: UNKNOWN_KOMMUN }, h, atom, -1);
      continue;
    }
    add(`${r.intervention_id}|${r.dim}|${r.key}`, { insats: r.intervention_id, dim: r.dim, key: r.key }, h, atom);
    if (r.dim === 'ALL') {
      add('F|ALL', { insats: null, dim: 'FORBUND', key: '' }, h, atom);
      add('F|OKAND', { insats: null, dim: 'OKAND', key: UNKNOWN_KOMMUN }, h, atom);
    }
  }
  return out;
}

/** What each kind of family publishes, and whether a cell is only listed with someone in it. */
// `flows` and `stock` are the cells a family has (carried-in and totalt with `stock`); only `measures`
// are shown to anyone.
const PUBLISHES: Record<Family['dim'], { flows: Measure[]; stock: boolean; measures: Measure[]; listed: Measure[] }> = {
  ALL: { flows: ['new', 'exited'], stock: true, measures: ['new', 'exited', 'total'], listed: [] },
  FORBUND: { flows: ['new', 'exited'], stock: true, measures: ['new', 'exited', 'total'], listed: [] },
  KON: { flows: ['new', 'exited'], stock: true, measures: ['new', 'total'], listed: ['new', 'total'] },
  REFERRER: { flows: ['new'], stock: false, measures: ['new'], listed: ['new'] },
  OUTCOME: { flows: ['exited'], stock: false, measures: ['exited'], listed: ['exited'] },
  HEMKOMMUN: { flows: ['new', 'exited'], stock: true, measures: ['new', 'total'], listed: ['new'] },
  OKAND: { flows: ['new', 'exited'], stock: true, measures: ['new'], listed: ['new'] },
};
type Measure = 'new' | 'exited' | 'total' | 'carry' | 'out';
type Part = 'H1' | 'H2' | 'Y' | '';
const cellId = (f: string, year: number, m: Measure, p: Part) => `${f}|${year}|${m}|${p}`;

/** The counts table of years y − 1 and y, the cells of y − 1 fixed; and the table of people with an age. */
function tables(fams: Map<string, Family>, y: number) {
  const cells = new Map<string, Cell>();
  const sums: SumConstraint[] = [];
  const ages = new Map<string, Cell>();
  const ageSums: SumConstraint[] = [];
  for (const year of [y - 1, y]) {
    const fixed = year < y;
    for (const f of fams.values()) {
      const a1 = f.atoms.get(half(year, 1)) ?? ZERO;
      const a2 = f.atoms.get(half(year, 2)) ?? ZERO;
      let carry = 0;
      for (const [h, a] of f.atoms) {
        carry += h < half(year, 1) ? a.n - a.x : 0;
      }
      const { flows, stock, measures, listed } = PUBLISHES[f.dim];
      const put = (m: Measure, p: Part, value: number) => {
        const published = measures.includes(m) && (p === 'H1' || p === 'Y');
        const list = published && listed.includes(m);
        cells.set(cellId(f.id, year, m, p), {
          value,
          published,
          lower: list && value > 0 ? 1 : 0,
          // A listed key with nobody is not in the list at all: known to be 0.
          fixed: fixed || (list && value === 0),
          // The year's figures and the totals are what reports are read for: hide half-years and details first.
          cost: value * (p === 'Y' ? 3 : 1) * (f.dim === 'ALL' || f.dim === 'FORBUND' ? 3 : 1),
        });
      };
      const flow = (m: Measure, v1: number, v2: number) => {
        put(m, 'H1', v1);
        put(m, 'H2', v2);
        put(m, 'Y', v1 + v2);
        sums.push({
          total: cellId(f.id, year, m, 'Y'),
          parts: [cellId(f.id, year, m, 'H1'), cellId(f.id, year, m, 'H2')],
        });
      };
      if (flows.includes('new')) {
        flow('new', a1.n, a2.n);
      }
      if (flows.includes('exited')) {
        flow('exited', a1.x, a2.x);
      }
      if (!stock) {
        continue;
      }
      put('carry', '', carry);
      put('total', 'H1', carry + a1.n);
      put('total', 'Y', carry + a1.n + a2.n);
      for (const p of ['H1', 'Y'] as const) {
        sums.push({
          total: cellId(f.id, year, 'total', p),
          parts: [cellId(f.id, year, 'carry', ''), cellId(f.id, year, 'new', p)],
        });
      }
      // Carried out of the year into the next: totalt less those who left. Protected in its own
      // year, since the year after shows it again (as carried in) beside figures of its own.
      put('out', '', carry + a1.n + a2.n - a1.x - a2.x);
      sums.push({
        total: cellId(f.id, year, 'total', 'Y'),
        parts: [cellId(f.id, year, 'out', ''), cellId(f.id, year, 'exited', 'Y')],
      });
      if (year === y) {
        sums.push({ total: cellId(f.id, y - 1, 'out', ''), parts: [cellId(f.id, y, 'carry', '')] });
      }
      if (f.dim === 'ALL' || f.dim === 'FORBUND') {
        const id = (p: Part) => `${f.id}|${year}|age|${p}`;
        for (const [p, v] of [
          ['H1', a1.ageN],
          ['H2', a2.ageN],
          ['Y', a1.ageN + a2.ageN],
        ] as const) {
          ages.set(id(p), { value: v, published: p !== 'H2', fixed });
        }
        ageSums.push({ total: id('Y'), parts: [id('H1'), id('H2')] });
      }
    }
    // Sums across families, for each measure and part of the year.
    const byKind = (insats: string | null, dim: Family['dim']) =>
      [...fams.values()].filter((f) => f.insats === insats && f.dim === dim).map((f) => f.id);
    const across = (total: string, parts: string[], measures: Measure[]) => {
      if (!parts.length) {
        return;
      }
      for (const m of measures) {
        for (const p of (m === 'carry' || m === 'out' ? [''] : ['H1', 'H2', 'Y']) as Part[]) {
          sums.push({ total: cellId(total, year, m, p), parts: parts.map((f) => cellId(f, year, m, p)) });
        }
      }
    };
    const insatser = [...new Set([...fams.values()].flatMap((f) => (f.insats ? [f.insats] : [])))];
    for (const i of insatser) {
      across(`${i}|ALL|`, byKind(i, 'KON'), ['new', 'exited', 'carry', 'out']);
      across(`${i}|ALL|`, byKind(i, 'REFERRER'), ['new']);
    }
    const all = insatser.map((i) => `${i}|ALL|`);
    if (fams.has('F|ALL')) {
      across('F|ALL', all, ['new', 'exited', 'carry', 'out']);
      across('F|ALL', [...byKind(null, 'HEMKOMMUN'), 'F|OKAND'], ['new', 'exited', 'carry', 'out']);
      for (const p of ['H1', 'H2', 'Y'] as const) {
        ageSums.push({ total: `F|ALL|${year}|age|${p}`, parts: all.map((i) => `${i}|${year}|age|${p}`) });
      }
    }
  }
  return { counts: { cells, sums }, ages: { cells: ages, sums: ageSums } };
}

/**
 * Stegförflyttning of year `y`: steps and other exits per insats and for the förbund, by half-year,
 * in a table of their own (the counts' table stays as it is, whatever the steps are). Exits are taken
 * as known, shown or not (more than an attacker has, so never less protection); a period whose exits
 * the counts' table withholds publishes no steps at all. The half-year is withheld before the year
 * (whenever either half has a small count), an insats before the förbund. Steps of a year sum with
 * nothing of another year.
 */
function stepTable(fams: Map<string, Family>, y: number, hiddenCounts: ReadonlySet<string>, threshold: number) {
  const cells = new Map<string, Cell>();
  const sums: SumConstraint[] = [];
  const id = (f: string, m: 'step' | 'nostep' | 'exited', p: Part) => `S|${f}|${m}|${p}`;
  const parts = [...fams.values()].filter((f) => f.dim === 'ALL' || f.dim === 'FORBUND');
  for (const f of parts) {
    const a1 = f.atoms.get(half(y, 1)) ?? ZERO;
    const a2 = f.atoms.get(half(y, 2)) ?? ZERO;
    const weight = f.dim === 'FORBUND' ? 3 : 1;
    // The first half-year is published only when neither half has 1 to n − 1 steps or other exits:
    // the year minus its first half is the second.
    const small = (v: number) => v > 0 && v < threshold;
    const halves = [a1.step, a1.x - a1.step, a2.step, a2.x - a2.step].some(small);
    for (const [p, a] of [
      ['H1', a1],
      ['H2', a2],
      ['Y', { ...ZERO, x: a1.x + a2.x, step: a1.step + a2.step }],
    ] as const) {
      const published = p !== 'H2' && !(p === 'H1' && halves) && !hiddenCounts.has(cellId(f.id, y, 'exited', p));
      cells.set(id(f.id, 'exited', p), { value: a.x, fixed: true });
      for (const [m, v] of [
        ['step', a.step],
        ['nostep', a.x - a.step],
      ] as const) {
        // Only the steps are published (with the exits, the share): the other exits are exits − steps,
        // protected as cells nobody is shown, so a complement is always a step count.
        cells.set(id(f.id, m, p), {
          value: v,
          published: published && m === 'step',
          cost: v * (p === 'Y' ? 3 : 1) * weight,
        });
      }
      sums.push({ total: id(f.id, 'exited', p), parts: [id(f.id, 'step', p), id(f.id, 'nostep', p)] });
    }
    for (const m of ['step', 'nostep'] as const) {
      sums.push({ total: id(f.id, m, 'Y'), parts: [id(f.id, m, 'H1'), id(f.id, m, 'H2')] });
    }
  }
  const insatser = parts.filter((f) => f.dim === 'ALL').map((f) => f.id);
  if (fams.has('F|ALL') && insatser.length) {
    for (const m of ['step', 'nostep'] as const) {
      for (const p of ['H1', 'H2', 'Y'] as const) {
        sums.push({ total: id('F|ALL', m, p), parts: insatser.map((i) => id(i, m, p)) });
      }
    }
  }
  return { cells, sums, id };
}

/** The tables of year `y` (the year before beside it), as the policy sees them. */
export const yearTables = (rows: readonly LedgerRow[], y: number) => tables(families(rows), y);

/** The policy's tables of one year, with what it hides of them. */
export interface ProtectedYears {
  fams: Map<string, Family>;
  cells: ReadonlyMap<string, Cell>;
  ages: ReadonlyMap<string, Cell>;
  hidden: Set<string>;
  hiddenAges: Set<string>;
  /** Steps forward of year y, and what the policy withholds of them (stepTable). */
  steps: ReadonlyMap<string, Cell>;
  hiddenSteps: Set<string>;
}

/**
 * Protects year `y` beside the year before, as `before` (the same for y − 1) left it. Only the
 * ledger up to the end of y counts, so a year is protected the same whichever later year is asked.
 */
export function protectYear(
  rows: readonly LedgerRow[],
  y: number,
  threshold: number,
  before?: Pick<ProtectedYears, 'hidden' | 'hiddenAges'>,
): ProtectedYears {
  const fams = families(rows.filter((r) => r.year <= y));
  const { counts, ages } = tables(fams, y);
  const hidden = protect(counts, threshold, before?.hidden);
  const steps = stepTable(fams, y, hidden, threshold);
  return {
    fams,
    cells: counts.cells,
    ages: ages.cells,
    hidden,
    hiddenAges: protect(ages, threshold, before?.hiddenAges),
    steps: steps.cells,
    hiddenSteps: protect(steps, threshold),
  };
}

/** Year `y` protected in turn from the förbund's first year with participants. */
export function protectedYears(rows: readonly LedgerRow[], y: number, threshold: number): ProtectedYears {
  const first = firstYear(rows, y);
  let last = protectYear(rows, first, threshold);
  for (let year = first + 1; year <= y; year++) {
    last = protectYear(rows, year, threshold, last);
  }
  return last;
}

/** What a protected year leaves for the next: the year after is protected beside it as it was hidden. */
export type YearProtection = Pick<ProtectedYears, 'hidden' | 'hiddenAges'>;

/** One year of a förbund as published: both periods, and what the next year is protected beside. */
export interface PublishedYear {
  year: number;
  protection: YearProtection;
  periods: Record<Period, DisclosedYear>;
}

/**
 * Year `y` protected beside the year before (`before`, as that year was published) and published for
 * both periods. Only what the next year needs is kept (the tables themselves are dropped), so a
 * caller can keep years of many förbund without their ledgers.
 */
export function publishYear(
  rows: readonly LedgerRow[],
  y: number,
  threshold: number,
  before?: YearProtection,
): PublishedYear {
  const years = protectYear(rows, y, threshold, before);
  return {
    year: y,
    protection: { hidden: years.hidden, hiddenAges: years.hiddenAges },
    periods: {
      YEAR: disclosedYear(rows, y, 'YEAR', threshold, years),
      HALF_YEAR: disclosedYear(rows, y, 'HALF_YEAR', threshold, years),
    },
  };
}

/** The first year a förbund's tables start from: its first year with participants (or `y` without any). */
export const firstYear = (rows: readonly LedgerRow[], y: number) => rows.reduce((a, r) => Math.min(a, r.year), y);

/** Published years by year, each with the digest of what it was published from. */
export type PublishedYears = Map<number, PublishedYear & { digest: string }>;

/**
 * A förbund's years `from`…`last` as published from its ledger. A year before the first with
 * participants has an empty table; from the first on, each year is protected beside the one before.
 * `earlier` (an earlier answer, of an older ledger perhaps) is reused up to the first year whose
 * digest — the threshold and the ledger up to that year — differs: a write in the current year
 * leaves the earlier years as they were published, without protecting them again.
 */
export function publishYears(
  rows: readonly LedgerRow[],
  { from, last }: { from: number; last: number },
  threshold: number,
  earlier?: PublishedYears,
): PublishedYears {
  const years: PublishedYears = new Map();
  const first = firstYear(rows, last);
  let digest = String(threshold);
  let before: PublishedYear | undefined;
  let same = true;
  for (let y = Math.min(from, first); y <= last; y++) {
    if (y < first) {
      years.set(y, emptyYear(y, threshold));
      continue;
    }
    digest = createHash('sha256')
      .update(digest)
      .update(JSON.stringify(rows.filter((r) => r.year === y)))
      .digest('hex');
    const known = earlier?.get(y);
    same &&= known?.digest === digest;
    const published = same ? known! : { ...publishYear(rows, y, threshold, before?.protection), digest };
    years.set(y, published);
    before = published;
  }
  return years;
}

/** A year before a förbund's first with participants: an empty table, from no ledger. */
const emptyYear = (y: number, threshold: number) => ({ ...publishYear([], y, threshold), digest: '' });

/**
 * The years `asked` from years kept (an earlier `publishYears`, of the same ledger): null when one is not
 * there. A year before the first kept is empty — `publishYears` gives every year from the förbund's first
 * with participants (or an earlier one asked) on — so it is published as such, not read.
 */
export function keptYears(kept: PublishedYears, asked: readonly number[], threshold: number): PublishedYears | null {
  const first = Math.min(...kept.keys());
  if (!asked.every((y) => kept.has(y) || y < first)) {
    return null;
  }
  const earlier = asked.filter((y) => !kept.has(y));
  return earlier.length === 0 ? kept : new Map([...kept, ...earlier.map((y) => [y, emptyYear(y, threshold)] as const)]);
}

/** A förbund's figures for `period` of year `y` (HALF_YEAR: January–June, compared with the year before). */
export function disclosedYear(
  rows: readonly LedgerRow[],
  y: number,
  period: Period,
  threshold: number,
  years: ProtectedYears = protectedYears(rows, y, threshold),
): DisclosedYear {
  const { fams, cells, ages, hidden, hiddenAges, steps, hiddenSteps } = years;
  const stepCell = (f: string, m: 'step'): Published => {
    const id = `S|${f}|${m}|${p}`;
    const c = steps.get(id);
    return !c || hiddenSteps.has(id) || c.published === false ? SUPPRESSED : shown(c.value);
  };
  const p: Part = period === 'YEAR' ? 'Y' : 'H1';
  const value = (id: string) => cells.get(id)?.value ?? 0;
  const cell = (f: string, m: Measure, year = y): Published => {
    const id = cellId(f, year, m, p);
    return hidden.has(id) ? SUPPRESSED : shown(value(id));
  };
  const listOf = (insats: string, dim: Family['dim'], m: Measure): KeyCount[] =>
    [...fams.values()]
      .filter((f) => f.insats === insats && f.dim === dim && value(cellId(f.id, y, m, p)) > 0)
      .map((f) => ({ key: f.key, count: cell(f.id, m) }))
      .sort((a, b) => a.key.localeCompare(b.key));
  const ageOf = (f: string) => {
    const id = `${f}|${y}|age|${p}`;
    const n = ages.get(id)?.value ?? 0;
    const sum = [...fams.get(f)!.atoms]
      .filter(([h]) => h === half(y, 1) || (p === 'Y' && h === half(y, 2)))
      .reduce((s, [, a]) => s + a.ageSum, 0);
    return hiddenAges.has(id) ? SUPPRESSED : average(n ? sum / n : null, n, threshold);
  };
  const insatser = [...fams.values()]
    .filter((f) => f.dim === 'ALL' && value(cellId(f.id, y, 'total', p)) > 0)
    .map((f) => f.insats!)
    .sort();
  const interventions = insatser.map((i): InterventionYear => {
    const all = `${i}|ALL|`;
    const exited = cell(all, 'exited');
    return {
      interventionId: i,
      new: cell(all, 'new'),
      total: cell(all, 'total'),
      exited,
      newByReferrer: listOf(i, 'REFERRER', 'new'),
      newByKon: listOf(i, 'KON', 'new'),
      totalByKon: listOf(i, 'KON', 'total'),
      exitsByOutcome: listOf(i, 'OUTCOME', 'exited'),
      averageAgeAtEntry: rounded(ageOf(all)),
      stepForwardShare: stepShare(stepCell(all, 'step'), exited),
    };
  });
  const kommuner = [...fams.values()].filter((f) => f.dim === 'HEMKOMMUN');
  const hemkommuner = kommuner
    // Kommuner with someone enrolled from the start of the comparison period to the end of this one.
    .filter(
      (f) =>
        value(cellId(f.id, y - 1, 'carry', '')) +
          value(cellId(f.id, y - 1, 'new', 'Y')) +
          value(cellId(f.id, y, 'new', p)) >
        0,
    )
    .map((f) => ({
      scbCode: f.key,
      new: cell(f.id, 'new'),
      total: cell(f.id, 'total'),
      newPrevious: cell(f.id, 'new', y - 1),
      totalPrevious: cell(f.id, 'total', y - 1),
    }))
    .sort((a, b) => a.scbCode.localeCompare(b.scbCode));
  const newByHemkommun = [...kommuner, ...(fams.has('F|OKAND') ? [fams.get('F|OKAND')!] : [])]
    .filter((f) => value(cellId(f.id, y, 'new', p)) > 0)
    .map((f) => ({ scbCode: f.key, new: cell(f.id, 'new') }));
  const hasForbund = fams.has('F|ALL');
  return {
    hemkommuner,
    interventions,
    new: hasForbund ? cell('F|ALL', 'new') : shown(0),
    total: hasForbund ? cell('F|ALL', 'total') : shown(0),
    exited: hasForbund ? cell('F|ALL', 'exited') : shown(0),
    averageAgeAtEntry: hasForbund ? rounded(ageOf('F|ALL')) : shown(null),
    newByHemkommun,
    // Kön and outcomes of the förbund: sums of its insatser's published cells (no cell of their own, so
    // nothing more is published than the insatser show: a sum with a withheld part is withheld).
    newByKon: sumOfLists(interventions.map((i) => i.newByKon)),
    totalByKon: sumOfLists(interventions.map((i) => i.totalByKon)),
    exitsByOutcome: sumOfLists(interventions.map((i) => i.exitsByOutcome)),
    stepForward: hasForbund ? stepCell('F|ALL', 'step') : shown(0),
    stepForwardShare: hasForbund ? stepShare(stepCell('F|ALL', 'step'), cell('F|ALL', 'exited')) : shown(null),
  };
}
