/**
 * Participant figures as the reports define them, from counts PostgreSQL makes (no person in them):
 * what counts as a step forward, shares, and a förbund's year summed over its insatser.
 */

/** Outcomes that count as a step towards work or studies (Västerås' goal: 80 %). */
export const STEP_FORWARD = ['ARBETE_UTAN_STOD', 'ARBETE_MED_STOD', 'STUDIER', 'AKTIVT_ARBETSSOKANDE'];

/** `part` of `whole` to three decimals; null when the whole is 0. */
export const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 1000 : null);

/** One dimension of a row's breakdown, as key and count. */
export const countsBy = <D extends string>(
  row: { breakdown: readonly { dim: D; key: string; n: number }[] },
  dim: NoInfer<D>,
) => row.breakdown.filter((b) => b.dim === dim).map((b) => ({ key: b.key, count: b.n }));

/** A förbund's year per hemkommun (consented participations): new and total, and the same months a year before. */
export interface HemkommunRow {
  scb_code: string;
  new: number;
  total: number;
  new_previous: number;
  total_previous: number;
}

/** One insats' year: new, total, exited, age at entry, steps forward, and new/total/exits broken down. */
export interface InterventionRow {
  intervention_id: string;
  new: number;
  total: number;
  exited: number;
  /** How many new participants had an age (consent), and their average. */
  age_n: number;
  average_age: number | null;
  step_forward: number;
  breakdown: { dim: 'REFERRER' | 'KON' | 'KON_TOTAL' | 'OUTCOME'; key: string; n: number }[];
}

/** A förbund's participants in a year or half-year. */
export interface ParticipantYear {
  hemkommuner: HemkommunRow[];
  interventions: InterventionRow[];
}

/** A measure summed over the förbund's insatser. */
export const yearSum = (y: ParticipantYear, m: 'new' | 'total' | 'exited') =>
  y.interventions.reduce((a, r) => a + r[m], 0);

/**
 * Average age at entry over the förbund's insatser, weighted by how many had an age (`n`);
 * unrounded, null when none had.
 */
export function yearAverageAge(y: ParticipantYear): { n: number; average: number | null } {
  const n = y.interventions.reduce((a, r) => a + r.age_n, 0);
  return { n, average: n ? y.interventions.reduce((a, r) => a + (r.average_age ?? 0) * r.age_n, 0) / n : null };
}
