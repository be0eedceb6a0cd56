/**
 * Participant figures as the reports define them, from counts PostgreSQL makes (no person in them):
 * what counts as a step forward, and shares.
 */

/** Outcomes that count as a step towards work or studies (Västerås' goal: 80 %). */
export const STEP_FORWARD = ['ARBETE_UTAN_STOD', 'ARBETE_MED_STOD', 'STUDIER', 'AKTIVT_ARBETSSOKANDE'];

/** `part` of `whole` to three decimals; null when the whole is 0. */
export const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 1000 : null);
