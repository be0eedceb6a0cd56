/**
 * Participant figures as the reports define them, from counts PostgreSQL makes (no person in them):
 * what counts as a step forward, shares, and the one rounding rule every published figure follows.
 */

/**
 * Stegförflyttning (a step towards work), as the Årsrapport 2021 (from SUS) defines it: the person
 * works (with or without subsidy), studies, actively seeks work, or continues in other active
 * work-oriented rehabilitation without need of coordinated support. Medical rehabilitation,
 * drop-out (avbrott) and övrigt are not steps. An exit with several of these outcomes counts once.
 * PostgreSQL holds the same list in `participation_step_forward` (Migration20270101000000StepForward);
 * test/fidelity-figures.test.ts checks they agree.
 */
export const STEP_FORWARD: readonly string[] = [
  'ARBETE_UTAN_STOD',
  'ARBETE_MED_STOD',
  'STUDIER',
  'AKTIVT_ARBETSSOKANDE',
  'FORTSATT_REHABILITERING',
];

/** Whether an exit with these outcomes is a step forward: once, however many of its outcomes are. */
export const isStepForward = (outcomes: readonly string[]) => outcomes.some((o) => STEP_FORWARD.includes(o));

/**
 * The one rounding rule for published figures: averages (age, years in support, days) to one
 * decimal, shares to three decimals of 1 (0.688 = 68.8 %), half away from zero. Values are kept
 * unrounded until they are published and rounded only here.
 */
const roundTo = (value: number, decimals: number) => {
  const f = 10 ** decimals;
  // toPrecision first: 2.25 * 10 is 22.499999… in binary and must round up all the same.
  return (Math.sign(value) * Math.round(Number((Math.abs(value) * f).toPrecision(12)))) / f;
};
export const AVERAGE_DECIMALS = 1;
export const SHARE_DECIMALS = 3;
export const roundAverage = (value: number) => roundTo(value, AVERAGE_DECIMALS);

/** `part` of `whole` to three decimals; null when the whole is 0. */
export const share = (part: number, whole: number) => (whole ? roundTo(part / whole, SHARE_DECIMALS) : null);
