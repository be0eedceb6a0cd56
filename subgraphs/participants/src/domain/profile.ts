/**
 * Who the participants of a period are, as the Årsrapport describes them: persons beside
 * participations, average age and years in support per kön, and the exit group's support source
 * before and after (försörjning vid inskrivning / vid avslut). Counted by PostgreSQL from the
 * participations (never loaded), published under the disclosure policy (./disclosure.ts) and
 * rounded by the one rule (./figures.ts).
 *
 * - `participations`: participations enrolled at some time in the period (what the year's `total`
 *   counts); `persons`: the people behind them, a person with two participations once (by the
 *   förbund's keyed personnummer hash; a participation without consent is one person of its own).
 * - Averages are over the participations of the period with the value recorded: age at referral,
 *   years in public support before entry.
 * - The before/after table is of the exits in the period: a participation listed under each source
 *   it had (a person may have several), before = at enrolment, after = at exit.
 */
import { average, type Cell, type Published, protect, SUPPRESSED, shown } from './disclosure.js';
import { roundAverage } from './figures.js';

/** PostgreSQL's counts for one insats (or, with `intervention_id` null, the förbund) and period. */
export interface ProfileRow {
  tenant_id: string;
  intervention_id: string | null;
  participations: number;
  persons: number;
  exited: number;
  by_kon: { kon: string; n: number; age_n: number; age_sum: number; years_n: number; years_sum: number }[];
  support: { source: string; before: number; after: number }[];
}

export interface KonAverages {
  kon: string;
  averageAge: Published;
  averageYearsInSupport: Published;
}
export interface SupportChange {
  source: string;
  before: Published;
  after: Published;
}
export interface Profile {
  participations: Published;
  persons: Published;
  averageAge: Published;
  averageYearsInSupport: Published;
  byKon: KonAverages[];
  exited: Published;
  supportBeforeAfter: SupportChange[];
}

export const EMPTY_PROFILE_ROW = (tenant: string, intervention: string | null): ProfileRow => ({
  tenant_id: tenant,
  intervention_id: intervention,
  participations: 0,
  persons: 0,
  exited: 0,
  by_kon: [],
  support: [],
});

/** The rows of several förbund as one (the county's total): persons of two förbund are two. */
export function sumProfileRows(rows: readonly ProfileRow[]): ProfileRow {
  const out = EMPTY_PROFILE_ROW('', null);
  for (const r of rows) {
    out.participations += r.participations;
    out.persons += r.persons;
    out.exited += r.exited;
    for (const k of r.by_kon) {
      const to = out.by_kon.find((x) => x.kon === k.kon);
      if (to) {
        for (const f of ['n', 'age_n', 'age_sum', 'years_n', 'years_sum'] as const) {
          to[f] += k[f];
        }
      } else {
        out.by_kon.push({ ...k });
      }
    }
    for (const s of r.support) {
      const to = out.support.find((x) => x.source === s.source);
      if (to) {
        to.before += s.before;
        to.after += s.after;
      } else {
        out.support.push({ ...s });
      }
    }
  }
  out.by_kon.sort((a, b) => a.kon.localeCompare(b.kon));
  out.support.sort((a, b) => a.source.localeCompare(b.source));
  return out;
}

const mean = (sum: number, n: number, threshold: number) => {
  const a = average(n ? sum / n : null, n, threshold);
  return a.value === null ? a : { ...a, value: roundAverage(a.value) };
};

/**
 * The profile as published. `known` are the participations and exits as the year's own table
 * published them (./year-figures.ts): a figure hidden there stays hidden here, and persons are
 * hidden when they would tell how many came back (participations − persons) from 1 to n − 1.
 * `exact` (the insats' own staff) publishes everything as it is.
 */
export function disclosedProfile(
  row: ProfileRow,
  threshold: number,
  known: { participations: Published; exited: Published },
  exact = false,
): Profile {
  const cells = new Map<string, Cell>([
    ['participations', { value: row.participations, fixed: true }],
    ['persons', { value: row.persons }],
    ['again', { value: row.participations - row.persons, published: false }],
    ['exited', { value: row.exited, fixed: true }],
  ]);
  for (const s of row.support) {
    cells.set(`before/${s.source}`, { value: s.before, lower: s.before > 0 ? 1 : 0 });
    cells.set(`after/${s.source}`, { value: s.after, lower: s.after > 0 ? 1 : 0 });
  }
  const fixedHidden = new Set<string>();
  if (known.participations.suppressed) {
    fixedHidden.add('participations');
  }
  if (known.exited.suppressed) {
    fixedHidden.add('exited');
  }
  // Participations per kön are the year's own (totalByKon); here only their averages.
  const sums = [{ total: 'participations', parts: ['persons', 'again'] }];
  const hidden = exact ? new Set<string>() : protect({ cells, sums }, threshold, fixedHidden);
  const cell = (id: string): Published => (hidden.has(id) ? SUPPRESSED : shown(cells.get(id)!.value));
  const n = exact ? 0 : threshold;
  const all = row.by_kon.reduce(
    (a, k) => ({ ageN: a.ageN + k.age_n, age: a.age + k.age_sum, yN: a.yN + k.years_n, y: a.y + k.years_sum }),
    { ageN: 0, age: 0, yN: 0, y: 0 },
  );
  return {
    participations: cell('participations'),
    persons: cell('persons'),
    averageAge: mean(all.age, all.ageN, n),
    averageYearsInSupport: mean(all.y, all.yN, n),
    byKon: row.by_kon.map((k) => ({
      kon: k.kon,
      averageAge: mean(k.age_sum, k.age_n, n),
      averageYearsInSupport: mean(k.years_sum, k.years_n, n),
    })),
    exited: cell('exited'),
    supportBeforeAfter: row.support.map((s) => ({
      source: s.source,
      before: cell(`before/${s.source}`),
      after: cell(`after/${s.source}`),
    })),
  };
}
