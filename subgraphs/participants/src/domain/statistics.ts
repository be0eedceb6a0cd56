/**
 * An insats' participant figures for a window (participantStatistics), published under the
 * disclosure policy (./disclosure.ts): every count and breakdown of the window is one table, its sums
 * solved together. Staff of the insats read its persons anyway and get the figures as they are.
 */
import { average, type Cell, type Published, protect, type SumConstraint, shown } from './disclosure.js';
import { share } from './figures.js';
import { type KeyCount, rounded } from './year-figures.js';

export type Dim =
  | 'NEW_KON'
  | 'NEW_HEMKOMMUN'
  | 'ACTIVE_HEMKOMMUN'
  | 'NEW_REFERRER'
  | 'NEW_REFERRING_MEMBER'
  | 'NEW_AGE_BAND'
  | 'NEW_EDUCATION'
  | 'NEW_SUPPORT_BEFORE'
  | 'EXIT_OUTCOME'
  | 'EXIT_SUPPORT_AFTER'
  | 'AFTER_6'
  | 'AFTER_18';

/** The counts PostgreSQL makes for one insats and window. */
export interface StatsRow {
  intervention_id: string;
  new: number;
  active: number;
  exited: number;
  /** New participants with an age (consent), and their average. */
  age_n: number;
  average_age: number | null;
  average_days: number | null;
  step_forward: number;
  breakdown: { dim: Dim; key: string; n: number }[];
}

/**
 * What each breakdown adds up to: all of it (every participation has a kön and a referrer), part of
 * it (a hemkommun only with consent), or nothing (a participation may have several outcomes).
 */
const OF: Record<Dim, { of: 'new' | 'active' | 'exited'; whole: boolean } | null> = {
  NEW_KON: { of: 'new', whole: true },
  NEW_REFERRER: { of: 'new', whole: true },
  NEW_HEMKOMMUN: { of: 'new', whole: false },
  NEW_REFERRING_MEMBER: { of: 'new', whole: false },
  NEW_AGE_BAND: { of: 'new', whole: false },
  NEW_EDUCATION: { of: 'new', whole: false },
  ACTIVE_HEMKOMMUN: { of: 'active', whole: false },
  AFTER_6: { of: 'exited', whole: false },
  AFTER_18: { of: 'exited', whole: false },
  NEW_SUPPORT_BEFORE: null,
  EXIT_OUTCOME: null,
  EXIT_SUPPORT_AFTER: null,
};

export interface DisclosedStatistics {
  new: Published;
  active: Published;
  exited: Published;
  by: (dim: Dim) => KeyCount[];
  averageAgeAtEntry: Published;
  averageDaysInIntervention: Published;
  stepTowardsWorkShare: Published;
}

/** The window's figures as published: suppressed where they could reveal a person, unless `exact`. */
export function disclosedStatistics(row: StatsRow, threshold: number, exact: boolean): DisclosedStatistics {
  const cells = new Map<string, Cell>([
    ['new', { value: row.new }],
    ['active', { value: row.active }],
    ['exited', { value: row.exited }],
    ['step', { value: row.step_forward }],
    ['nostep', { value: row.exited - row.step_forward }],
  ]);
  const sums: SumConstraint[] = [{ total: 'exited', parts: ['step', 'nostep'] }];
  for (const [dim, of] of Object.entries(OF) as [Dim, (typeof OF)[Dim]][]) {
    const keys = row.breakdown.filter((b) => b.dim === dim && b.n > 0);
    for (const b of keys) {
      cells.set(`${dim}/${b.key}`, { value: b.n, lower: 1 }); // listed only with someone in it
    }
    if (of) {
      const parts = keys.map((b) => `${dim}/${b.key}`);
      if (!of.whole) {
        // Those without the attribute: never shown, but the sum holds with them.
        cells.set(`${dim}/-`, { value: row[of.of] - keys.reduce((a, b) => a + b.n, 0), published: false });
        parts.push(`${dim}/-`);
      }
      sums.push({ total: of.of, parts });
    }
  }
  const hidden = exact ? new Set<string>() : protect({ cells, sums }, threshold);
  const cell = (id: string): Published =>
    hidden.has(id) ? { suppressed: true, value: null } : shown(cells.get(id)!.value);
  const n = exact ? 0 : threshold;
  return {
    new: cell('new'),
    active: cell('active'),
    exited: cell('exited'),
    by: (dim) =>
      row.breakdown
        .filter((b) => b.dim === dim && b.n > 0)
        .map((b) => ({ key: b.key, count: cell(`${dim}/${b.key}`) })),
    // Unrounded from PostgreSQL, rounded here by the one rule (./figures.ts).
    averageAgeAtEntry: rounded(average(row.average_age, row.age_n, n)),
    averageDaysInIntervention: rounded(average(row.average_days, row.exited, n)),
    stepTowardsWorkShare:
      hidden.has('step') || hidden.has('nostep')
        ? { suppressed: true, value: null }
        : shown(share(row.step_forward, row.exited)),
  };
}
