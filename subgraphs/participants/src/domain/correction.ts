/**
 * Rättelse (correction) of a participation's events: a date, the outcomes, the background, the referrer —
 * entered wrong, put right later, with a reason, the old values kept in the participation's history.
 *
 * Which fields, in which states: a field is corrected once the step that sets it has been taken (the exit's
 * date and outcomes once exited, the enrolment's date and background once enrolled …). And a corrected
 * participation must pass the rules its steps passed: the steps it has taken are replayed through the
 * lifecycle's own functions (`decideReferral`, `enrol`, `recordFollowUp`, `exit`, `recordAfterExit`) on
 * the corrected values, so no rule is restated here and a rule changed there holds for corrections too.
 */
import type { Participation } from '../entities/Participation.js';
import { needsConsent } from './consent.js';
import {
  checkReferringMember,
  decideReferral,
  enrol,
  exit,
  type InsatsPeriod,
  type LifecycleState,
  recordAfterExit,
  recordFollowUp,
  type Status,
} from './lifecycle.js';
import { allow, refuse, type Verdict } from './verdict.js';

/** Each correctable field and the statuses in which it holds a value to correct. */
export const CORRECTABLE = {
  referredOn: ['REFERRED', 'ACCEPTED', 'REJECTED', 'ENROLLED', 'EXITED'],
  referrerUnit: ['REFERRED', 'ACCEPTED', 'REJECTED', 'ENROLLED', 'EXITED'],
  referringMemberId: ['REFERRED', 'ACCEPTED', 'REJECTED', 'ENROLLED', 'EXITED'],
  hemkommun: ['REFERRED', 'ACCEPTED', 'REJECTED', 'ENROLLED', 'EXITED'],
  decidedOn: ['ACCEPTED', 'REJECTED', 'ENROLLED', 'EXITED'],
  enrolledOn: ['ENROLLED', 'EXITED'],
  educationLevel: ['ENROLLED', 'EXITED'],
  supportBefore: ['ENROLLED', 'EXITED'],
  yearsInSupport: ['ENROLLED', 'EXITED'],
  exitedOn: ['EXITED'],
  outcomes: ['EXITED'],
  supportAfter: ['EXITED'],
} as const satisfies Partial<Record<keyof Participation, readonly Status[]>>;

export type CorrectableField = keyof typeof CORRECTABLE;
export type Corrections = Partial<{ [F in CorrectableField]: Participation[F] }>;

/** Fields that say something about the person: kept only with consent, as for the steps that set them. */
const NEED_CONSENT: readonly CorrectableField[] = [
  'hemkommun',
  'educationLevel',
  'supportBefore',
  'yearsInSupport',
  'supportAfter',
];

/** One changed field, its value before and after. */
export interface Change {
  field: CorrectableField;
  from: unknown;
  to: unknown;
}

export type CorrectedState = LifecycleState &
  Pick<
    Participation,
    | CorrectableField
    | 'decisionReason'
    | 'finalDocumentationSentOn'
    | 'level6Months'
    | 'level18Months'
    | 'interventionId'
  >;

export interface CorrectionFacts {
  /** When the insats runs (asked of teams); null when it is not in the caller's förbund. */
  insats: InsatsPeriod | null;
  /** The förbund's members; needed only when the referring member changes. */
  members: readonly { id: string }[];
  /** The dates of the participation's follow-ups. */
  followUpDates: readonly string[];
  /** Today in Sweden, for the rules that look at it. */
  today: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * What a correction changes, or why it may not: a reason is required, each field only in the states that
 * hold it, at least one value must differ, and the corrected participation passes the rules of every
 * step it has taken. Paths are `['changes', field]` (or `['reason']`).
 */
export function correct(
  p: CorrectedState,
  corrections: Corrections,
  reason: string,
  facts: CorrectionFacts,
): Verdict<{ set: Corrections; changes: Change[] }> {
  if (!reason.trim()) {
    return refuse(['reason'], 'A correction says why');
  }
  const changes: Change[] = [];
  for (const [field, to] of Object.entries(corrections) as [CorrectableField, unknown][]) {
    if (to === undefined) {
      continue;
    }
    if (!(CORRECTABLE[field] as readonly Status[]).includes(p.status)) {
      return refuse(['changes', field], `${field} is corrected once the participation has it (it is ${p.status})`);
    }
    if (!same(p[field], to)) {
      changes.push({ field, from: p[field] ?? null, to });
    }
  }
  if (changes.length === 0) {
    return refuse(['changes'], 'Nothing differs from what is recorded');
  }
  const set = Object.fromEntries(changes.map((c) => [c.field, c.to])) as Corrections;
  const c = { ...p, ...set } as CorrectedState;
  const at = (field: string) => ['changes', field];
  /** The verdict with its paths as the correction's fields. */
  const named = (v: Verdict<unknown>, field: (path: (string | number)[]) => string): Verdict<never> | null =>
    v.ok ? null : { ok: false, issues: v.issues.map((i) => ({ path: at(field(i.path)), message: i.message })) };
  const last = (path: (string | number)[]) => String(path[path.length - 1]);

  const consent = needsConsent(
    c,
    NEED_CONSENT.filter((f) => f in set && set[f] != null).map((f) => at(f)),
  );
  if (!consent.ok) {
    return consent;
  }
  if (set.referringMemberId) {
    const refused = named(checkReferringMember(set.referringMemberId, facts.members), () => 'referringMemberId');
    if (refused) {
      return refused;
    }
  }
  const status = p.status;
  const decided = status !== 'REFERRED';
  if (decided) {
    const decision = decideReferral(
      { ...c, status: 'REFERRED' },
      { accept: status !== 'REJECTED', reason: c.decisionReason, decidedOn: c.decidedOn ?? '' },
    );
    const refused = named(decision, (path) => (last(path) === 'decidedOn' ? 'decidedOn' : 'referredOn'));
    if (refused) {
      return refused;
    }
  }
  if (status === 'ENROLLED' || status === 'EXITED') {
    const enrolment = enrol({ ...c, status: 'ACCEPTED' }, c.enrolledOn ?? '', facts.insats);
    const refused = named(enrolment, (path) => (last(path) === 'participationId' ? 'enrolledOn' : last(path)));
    if (refused) {
      return refused;
    }
    for (const date of facts.followUpDates) {
      const followUp = recordFollowUp({ ...c, status: 'ENROLLED' }, date);
      if (!followUp.ok) {
        return refuse(at('enrolledOn'), `A follow-up (${date}) would be before enrolment`);
      }
    }
  }
  if (status === 'EXITED') {
    const ended = exit({ ...c, status: 'ENROLLED' }, { exitedOn: c.exitedOn ?? '', outcomes: c.outcomes });
    const refused = named(ended, last);
    if (refused) {
      return refused;
    }
    const after = recordAfterExit(c, c, facts.today);
    const refusedAfter = named(after, () => 'exitedOn');
    if (refusedAfter) {
      return refusedAfter;
    }
  }
  if ('outcomes' in set) {
    set.outcomes = [...new Set(set.outcomes ?? [])];
  }
  return allow({ set, changes });
}
