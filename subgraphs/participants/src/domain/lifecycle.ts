/**
 * A participation's way through an insats, as FINSAM practice has it: a referral (remiss) is
 * accepted or rejected, an accepted one is enrolled (inskrivning) for a year, followed up while
 * enrolled (follow-ups, a handlingsplan, an extension decided by the styrgrupp), and exits (avslut)
 * with one or more outcomes, after which final documentation and the 6- and 18-month follow-ups are
 * recorded. Each step is taken by the staff of the participation's insats; each is a pure function
 * here that says what changes, or why it may not — with the path and message the client sees.
 * Consent and its withdrawal, which may happen in any status, are in consent.ts.
 */
import { addMonths } from '@finsam/kit/dates.js';
import type { Identity } from '@finsam/kit/identity.js';
import { holds, isInsatsLead, isInsatsStaff } from '@finsam/kit/scopes.js';
import type { KON, LEVELS, Participation, STATUSES } from '../entities/Participation.js';
import { consentRefusal, needsConsent, withoutConsent } from './consent.js';
import { ageOn, type PersonNumber, parsePersonNumber } from './personnummer.js';
import { allow, conflict, OK, refuse, type Verdict } from './verdict.js';

export type Status = (typeof STATUSES)[number];
type Kon = (typeof KON)[number];
type Level = (typeof LEVELS)[number];

/** What the rules read of a participation. */
export type LifecycleState = Pick<
  Participation,
  | 'status'
  | 'referredOn'
  | 'enrolledOn'
  | 'plannedEnd'
  | 'exitedOn'
  | 'exclusionGrounds'
  | 'needsTwoMembers'
  | 'motivated'
  | 'consentGivenOn'
  | 'consentWithdrawnOn'
>;

// --- who ---------------------------------------------------------------------------------

/** The insatser whose participations the identity reads and changes: staff their own; nobody else any. */
export const workingInsatser = (identity: Identity): string[] =>
  holds(identity, 'staff') ? identity.interventionIds : [];

/** A referral is registered by the staff of the insats it is to. */
export const mayRefer = (identity: Identity, interventionId: string): boolean =>
  isInsatsStaff(identity, interventionId);

// --- the state machine ---------------------------------------------------------------------

/**
 * Each step after the referral: the status it starts from, the statuses it leaves the participation
 * in, and what the caller is told when the participation is in another status.
 */
export const STEPS = {
  decide: {
    from: 'REFERRED',
    to: ['ACCEPTED', 'REJECTED'],
    elsewhere: 'Only a referral awaiting decision can be decided',
  },
  enrol: { from: 'ACCEPTED', to: ['ENROLLED'], elsewhere: 'Only an accepted referral can be enrolled' },
  followUp: { from: 'ENROLLED', to: ['ENROLLED'], elsewhere: 'Follow-ups are for enrolled participants' },
  setActionPlan: { from: 'ENROLLED', to: ['ENROLLED'], elsewhere: 'A plan is for an enrolled participant' },
  extend: { from: 'ENROLLED', to: ['ENROLLED'], elsewhere: 'Only an ongoing participation can be extended' },
  exit: { from: 'ENROLLED', to: ['EXITED'], elsewhere: 'Only an ongoing participation can end' },
  recordAfterExit: { from: 'EXITED', to: ['EXITED'], elsewhere: 'Only after exit' },
} as const satisfies Record<string, { from: Status; to: readonly Status[]; elsewhere: string }>;

export type Step = keyof typeof STEPS;

/** A referral starts as REFERRED. */
export const FIRST_STATUS = 'REFERRED' satisfies Status;

/** The statuses a participation can move on to from `status`; none once rejected or exited. */
export function nextStatuses(status: Status): Status[] {
  const next = Object.values(STEPS).flatMap((s) => (s.from === status ? s.to.filter((to) => to !== status) : []));
  return [...new Set(next)];
}

/**
 * Whether the participation is where the step starts. Elsewhere is a conflict: the participation moved
 * on (or never got there), so the request was made on a reading that is no longer true.
 */
export function inStatus(p: Pick<Participation, 'status'>, step: Step): Verdict {
  return p.status === STEPS[step].from ? OK : conflict(['participationId'], STEPS[step].elsewhere);
}

/** `date` is before `other`; false while `other` is not set. */
const before = (date: string, other: string | null | undefined) => other != null && date < other;

// --- referral ------------------------------------------------------------------------------

/** A referral as the client sends it (checked for form already). */
export interface ReferralData {
  interventionId: string;
  referredOn: string;
  referrerUnit: Participation['referrerUnit'];
  referringMemberId?: string | null;
  needsTwoMembers: boolean;
  motivated: boolean;
  exclusionGrounds: string[];
  studyVisit: Participation['studyVisit'];
  consentGivenOn?: string | null;
  personnummer?: string | null;
  name?: string | null;
  hemkommun?: string | null;
  kon?: Kon | null;
  age?: number | null;
}

/** Who is referred: with consent the person (from the personnummer), without only kön and maybe an age. */
export interface Referred {
  person: PersonNumber | null;
  kon: Kon;
  /** From the personnummer on the day of referral, or as stated for an anonymous participation. */
  age: number | null;
}

/** What only a referral with consent may carry. */
export const IDENTIFYING = ['personnummer', 'name', 'hemkommun'] as const;

/**
 * Who may refer, and what a referral with and without consent gives: with consent the personnummer
 * (or samordningsnummer) is required, without it nothing identifying is taken and kön is stated.
 */
export function checkReferral(identity: Identity, data: ReferralData, today = new Date()): Verdict<Referred> {
  if (!mayRefer(identity, data.interventionId)) {
    return refuse(['input', 'interventionId'], 'You register referrals for your own insats');
  }
  if (!data.consentGivenOn) {
    const given = IDENTIFYING.filter((f) => data[f] != null);
    if (given.length) {
      return consentRefusal(given.map((f) => ['input', f]));
    }
    if (!data.kon) {
      return refuse(['input', 'kon'], 'An anonymous participation states kön');
    }
    return allow({ person: null, kon: data.kon, age: data.age ?? null });
  }
  if (!data.personnummer) {
    return refuse(['input', 'personnummer'], 'With consent, give the personnummer or samordningsnummer');
  }
  const person = parsePersonNumber(data.personnummer, today);
  if (typeof person === 'string') {
    return refuse(['input', 'personnummer'], person);
  }
  return allow({ person, kon: person.kon, age: ageOn(person.birthDate, data.referredOn) });
}

/** The referring member (part) must be one of the caller's förbund. */
export function checkReferringMember(memberId: string, members: readonly { id: string }[]): Verdict {
  return members.some((m) => m.id === memberId)
    ? OK
    : refuse(['input', 'referringMemberId'], `${memberId} is not a member of your förbund`);
}

/** An insats' target group, as teams keeps it. */
export interface TargetGroup {
  targetAgeMin: number;
  targetAgeMax: number;
}

/** The insats exists in the caller's förbund (`target` is null otherwise), and the age fits its target group. */
export function checkTargetGroup(target: TargetGroup | null, referred: Referred): Verdict {
  if (!target) {
    return refuse(['input', 'interventionId'], 'No such insats in your förbund');
  }
  const { age } = referred;
  if (age !== null && (age < target.targetAgeMin || age > target.targetAgeMax)) {
    return refuse(
      ['input', referred.person ? 'personnummer' : 'age'],
      `Age ${age} is outside the insats' target group ${target.targetAgeMin}–${target.targetAgeMax}`,
    );
  }
  return OK;
}

/**
 * The participation a checked referral makes (all but its id, tenant and person): what the referral
 * keeps. Without consent: kön and start year, no birth year, age or hemkommun (a stated age is only
 * checked against the target group). Nothing of the later steps is set yet.
 */
export function referredParticipation(data: ReferralData, referred: Referred) {
  const { person } = referred;
  return {
    interventionId: data.interventionId,
    status: FIRST_STATUS,
    kon: referred.kon,
    startYear: Number(data.referredOn.slice(0, 4)),
    birthYear: person ? Number(person.birthDate.slice(0, 4)) : null,
    ageAtReferral: person ? referred.age : null,
    hemkommun: data.consentGivenOn ? (data.hemkommun ?? null) : null,
    referredOn: data.referredOn,
    referrerUnit: data.referrerUnit,
    referringMemberId: data.referringMemberId ?? null,
    needsTwoMembers: data.needsTwoMembers,
    motivated: data.motivated,
    exclusionGrounds: data.exclusionGrounds,
    studyVisit: data.studyVisit,
    decisionReason: null,
    decidedOn: null,
    consentGivenOn: data.consentGivenOn ?? null,
    consentWithdrawnOn: null,
    enrolledOn: null,
    plannedEnd: null,
    educationLevel: null,
    supportBefore: null,
    yearsInSupport: null,
    extensionDecisionId: null,
    exitedOn: null,
    outcomes: [],
    supportAfter: null,
    finalDocumentationSentOn: null,
    level6Months: null,
    level18Months: null,
  } satisfies Partial<Participation>;
}

// --- decision ------------------------------------------------------------------------------

/**
 * Who decides on referrals to an insats, as teams keeps it from the insatsbeskrivning: the
 * verksamhetsledare ("Mandatet att avvisa remiss ligger hos verksamhetsledaren", Västmanland) or the
 * team under the insats' mandate (Säter: "Insatsens personal … avgör vilka som tas in").
 */
export type ReferralDecider = 'VERKSAMHETSLEDARE' | 'TEAM';

/**
 * Whether the identity decides on referrals to the insats: its verksamhetsledare, or any of its staff
 * when the team decides. An insats the caller cannot see (`null`) is decided by its verksamhetsledare.
 */
export function mayDecideReferral(identity: Identity, interventionId: string, by: ReferralDecider | null): boolean {
  return by === 'TEAM' ? isInsatsStaff(identity, interventionId) : isInsatsLead(identity, interventionId);
}

/**
 * The inclusion criteria a referral was registered without (insatsbeskrivningarna: coordinated needs
 * from at least two members; judged motivated for a first contact), by input name.
 */
export function unmetCriteria(p: Pick<LifecycleState, 'needsTwoMembers' | 'motivated'>): string[] {
  return [...(p.needsTwoMembers ? [] : ['needsTwoMembers']), ...(p.motivated ? [] : ['motivated'])];
}

export interface Decision {
  accept: boolean;
  reason?: string | null;
  decidedOn: string;
}

/**
 * Accept or reject a referral: a rejection says why; a referral with exclusion grounds cannot be
 * accepted; one that does not meet the inclusion criteria is accepted only with a recorded
 * justification (the reason), so an exception is documented where the decision is.
 */
export function decideReferral(
  p: LifecycleState,
  d: Decision,
): Verdict<Pick<Participation, 'status' | 'decisionReason' | 'decidedOn'>> {
  const step = inStatus(p, 'decide');
  if (!step.ok) {
    return step;
  }
  if (!d.accept && !d.reason?.trim()) {
    return refuse(['reason'], 'A rejection says why');
  }
  if (d.accept && p.exclusionGrounds.length) {
    return refuse(['accept'], `Exclusion grounds were found: ${p.exclusionGrounds.join(', ')}`);
  }
  const unmet = unmetCriteria(p);
  if (d.accept && unmet.length && !d.reason?.trim()) {
    return refuse(
      ['reason'],
      `The referral does not meet the inclusion criteria (${unmet.join(', ')}): accepting it needs a justification`,
    );
  }
  if (before(d.decidedOn, p.referredOn)) {
    return refuse(['decidedOn'], 'The decision is before the referral');
  }
  return allow({
    status: d.accept ? 'ACCEPTED' : 'REJECTED',
    decisionReason: d.reason?.trim() || null,
    decidedOn: d.decidedOn,
  });
}

// --- enrolment and while enrolled ----------------------------------------------------------

/** An enrolment is planned to last this long unless the styrgrupp extends it. */
export const PLANNED_MONTHS = 12;

/** When an insats runs, as teams keeps it (null when the caller may not see it). */
export interface InsatsPeriod {
  startDate: string;
  endDate?: string | null;
}

/**
 * Enrol an accepted referral on a day, not before the referral and while the insats runs (from its
 * start date, as teams has it, to its end date if it has one); its planned end is a year later.
 * Background data (`background`, whose fields are named in a refusal) needs consent.
 */
export function enrol(
  p: LifecycleState,
  enrolledOn: string,
  insats: InsatsPeriod | null,
  background?: object | null,
): Verdict<Pick<Participation, 'status' | 'enrolledOn' | 'plannedEnd'>> {
  const step = inStatus(p, 'enrol');
  if (!step.ok) {
    return step;
  }
  if (before(enrolledOn, p.referredOn)) {
    return refuse(['enrolledOn'], 'Enrolment is before the referral');
  }
  if (!insats) {
    return refuse(['participationId'], 'The insats of this participation is not in your förbund');
  }
  if (before(enrolledOn, insats.startDate)) {
    return refuse(['enrolledOn'], `Enrolment is before the insats started (${insats.startDate})`);
  }
  if (insats.endDate != null && enrolledOn > insats.endDate) {
    return refuse(['enrolledOn'], `Enrolment is after the insats ended (${insats.endDate})`);
  }
  if (background && withoutConsent(p)) {
    return consentRefusal(Object.keys(background).map((f) => ['background', f]));
  }
  return allow({ status: 'ENROLLED', enrolledOn, plannedEnd: addMonths(enrolledOn, PLANNED_MONTHS) });
}

/** A follow-up is for an enrolled participant, on a day from enrolment on. */
export function recordFollowUp(p: LifecycleState, date: string): Verdict {
  const step = inStatus(p, 'followUp');
  if (!step.ok) {
    return step;
  }
  return before(date, p.enrolledOn) ? refuse(['date'], 'The follow-up is before enrolment') : OK;
}

/** A handlingsplan names the person's goals: only with consent, and only while enrolled. */
export function setActionPlan(p: LifecycleState): Verdict {
  const consent = needsConsent(p, [['input']]);
  return consent.ok ? inStatus(p, 'setActionPlan') : consent;
}

/** A decision as governance gives it (null when there is none by that id). */
export interface DecisionFacts {
  kind: string;
  participationId: string | null;
}

/** An extension rests on the styrgrupp's extension decision about this very participation. */
export function checkExtensionDecision(decision: DecisionFacts | null, participationId: string): Verdict {
  return decision?.kind === 'EXTENSION' && decision.participationId === participationId
    ? OK
    : refuse(['decisionId'], 'Not an extension decision of the styrgrupp for this participation');
}

/** Extend an ongoing participation past its planned end (the decision checked by `checkExtensionDecision`). */
export function extend(
  p: LifecycleState,
  decisionId: string,
  newPlannedEnd: string,
): Verdict<Pick<Participation, 'extensionDecisionId' | 'plannedEnd'>> {
  const step = inStatus(p, 'extend');
  if (!step.ok) {
    return step;
  }
  if (p.plannedEnd != null && newPlannedEnd <= p.plannedEnd) {
    return refuse(['newPlannedEnd'], 'An extension ends later than the planned end');
  }
  return allow({ extensionDecisionId: decisionId, plannedEnd: newPlannedEnd });
}

// --- exit and after ------------------------------------------------------------------------

export interface Exit {
  exitedOn: string;
  outcomes: readonly string[];
  supportAfter?: readonly string[] | null;
}

/**
 * End an ongoing participation, not before enrolment, with at least one outcome (each once); the
 * support after exit needs consent.
 */
export function exit(
  p: LifecycleState,
  e: Exit,
): Verdict<Pick<Participation, 'status' | 'exitedOn' | 'outcomes' | 'supportAfter'>> {
  const step = inStatus(p, 'exit');
  if (!step.ok) {
    return step;
  }
  if (before(e.exitedOn, p.enrolledOn)) {
    return refuse(['exitedOn'], 'The exit date is before enrolment');
  }
  if (e.outcomes.length === 0) {
    return refuse(['outcomes'], 'Give at least one outcome');
  }
  if (e.supportAfter && withoutConsent(p)) {
    return consentRefusal([['input', 'supportAfter']]);
  }
  return allow({
    status: 'EXITED',
    exitedOn: e.exitedOn,
    outcomes: [...new Set(e.outcomes)],
    supportAfter: e.supportAfter ? [...e.supportAfter] : null,
  });
}

export interface AfterExit {
  finalDocumentationSentOn?: string | null;
  level6Months?: Level | null;
  level18Months?: Level | null;
}

/**
 * The follow-ups after exit and how long after it each is made: "6 månader efter avslutad insats" and
 * "efter 18 månader" (Verksamhetsplan 2022, Västerås).
 */
export const AFTER_EXIT_MONTHS = { level6Months: 6, level18Months: 18 } as const;

/**
 * The window around the due day (exit + 6 or 18 months) in which a follow-up after exit is made: it
 * opens one month before and closes two months after. The documents name the point, not a tolerance;
 * the window is one of the insats' own follow-up rounds ("minst var tredje månad"), so a contact booked
 * in the round before the due day counts, and a level taken a day after exit, or a year late, does not
 * measure "after 6 months". The two windows never overlap.
 */
export const AFTER_EXIT_WINDOW = { monthsBefore: 1, monthsAfter: 2 } as const;

/** The first and last day a follow-up `months` after an exit on `exitedOn` may be recorded. */
export function afterExitWindow(exitedOn: string, months: number): { opens: string; closes: string } {
  return {
    opens: addMonths(exitedOn, months - AFTER_EXIT_WINDOW.monthsBefore),
    closes: addMonths(exitedOn, months + AFTER_EXIT_WINDOW.monthsAfter),
  };
}

/**
 * After exit: final documentation sent (from the exit to today) and the levels 6 and 18 months later,
 * each recorded within its window (`afterExitWindow`; `today` is the day it is recorded). What is not
 * given stays as it was.
 */
export function recordAfterExit(
  p: LifecycleState,
  a: AfterExit,
  today: string,
): Verdict<Partial<Pick<Participation, 'finalDocumentationSentOn' | 'level6Months' | 'level18Months'>>> {
  const step = inStatus(p, 'recordAfterExit');
  if (!step.ok) {
    return step;
  }
  if (a.finalDocumentationSentOn && before(a.finalDocumentationSentOn, p.exitedOn)) {
    return refuse(['finalDocumentationSentOn'], 'Sent before the exit');
  }
  if (a.finalDocumentationSentOn && a.finalDocumentationSentOn > today) {
    return refuse(['finalDocumentationSentOn'], 'Not dated in the future');
  }
  for (const field of ['level6Months', 'level18Months'] as const) {
    const months = AFTER_EXIT_MONTHS[field];
    const window = p.exitedOn ? afterExitWindow(p.exitedOn, months) : null;
    if (a[field] && window && (today < window.opens || today > window.closes)) {
      return refuse(
        [field],
        `The ${months}-month follow-up is made from ${window.opens} to ${window.closes} ` +
          `(${months} months after the exit, one month before to two after)`,
      );
    }
  }
  return allow({
    ...(a.finalDocumentationSentOn ? { finalDocumentationSentOn: a.finalDocumentationSentOn } : {}),
    ...(a.level6Months ? { level6Months: a.level6Months } : {}),
    ...(a.level18Months ? { level18Months: a.level18Months } : {}),
  });
}
