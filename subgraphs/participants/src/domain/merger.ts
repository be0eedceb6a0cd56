/**
 * A förbund merger in participants (governance's domain/merger.ts has the whole decision): each
 * participation open on the merger date (referred, accepted or enrolled, referred before that date) in an
 * insats carried over continues in the merged förbund as a copy in the insats' copy, with its person
 * (found again there by the merged förbund's keyed hash), follow-ups and screenings. The original stays
 * with the old förbund, marked `carriedOverTo`: its ledger rows, and so the old förbund's reports up to
 * the merger date, do not change. The copy keeps its dates, so the merged förbund's reports count it as
 * ongoing from the merger date (and as new only if it was enrolled after it).
 */
import type { Participation } from '../entities/Participation.js';

type ParticipationField = Exclude<keyof Participation, 'id' | 'tenantId' | symbol>;

/** What the copy takes of each field: the value, the merged förbund's counterpart, or nothing. */
export const CARRIED_OVER = {
  interventionId: 'mapped',
  person: 'mapped',
  followUps: 'mapped',
  screenings: 'mapped',
  culledOn: 'reset',
  carriedOverTo: 'reset',
  // The copy is the merger's record, not the import's: a re-import into the merged förbund is its own.
  sourceRef: 'reset',
  status: 'copied',
  kon: 'copied',
  startYear: 'copied',
  birthYear: 'copied',
  ageAtReferral: 'copied',
  hemkommun: 'copied',
  referredOn: 'copied',
  referrerUnit: 'copied',
  referringMemberId: 'reset',
  needsTwoMembers: 'copied',
  motivated: 'copied',
  exclusionGrounds: 'copied',
  studyVisit: 'copied',
  decisionReason: 'copied',
  decidedOn: 'copied',
  consentGivenOn: 'copied',
  consentWithdrawnOn: 'copied',
  enrolledOn: 'copied',
  plannedEnd: 'copied',
  educationLevel: 'copied',
  supportBefore: 'copied',
  yearsInSupport: 'copied',
  extensionDecisionId: 'copied',
  exitedOn: 'copied',
  outcomes: 'copied',
  supportAfter: 'copied',
  finalDocumentationSentOn: 'copied',
  level6Months: 'copied',
  level18Months: 'copied',
  actionPlan: 'copied',
} as const satisfies Record<ParticipationField, 'copied' | 'mapped' | 'reset'>;

export const OPEN_STATUSES = ['REFERRED', 'ACCEPTED', 'ENROLLED'] as const;

/** Open on the merger date: not ended, and referred before it. */
export const openOn = (p: Pick<Participation, 'status' | 'referredOn'>, day: string): boolean =>
  (OPEN_STATUSES as readonly string[]).includes(p.status) && p.referredOn < day;

/**
 * The copied fields of a participation (the `copied` ones of `CARRIED_OVER`); the referring member is
 * left out (a member of the old förbund; the merged förbund's differ).
 */
export function copiedFields(p: Participation): Partial<Participation> {
  return Object.fromEntries(
    Object.entries(CARRIED_OVER).flatMap(([field, fate]) =>
      fate === 'copied' ? [[field, p[field as keyof Participation]]] : [],
    ),
  ) as Partial<Participation>;
}
