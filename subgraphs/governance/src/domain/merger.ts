/**
 * A merger of förbund (sammanslagning): A and B (and any more) become C from a date. The decision says,
 * per kind of record, whether it is carried over to C or closed with the förbund it belonged to:
 *
 * - `interventions` — CARRY_OVER: each insats running on the merger date continues in C as a copy
 *   (from that date, with its staff positions; owners and employers mapped to C's members), and the
 *   original ends the day before. CLOSE: the insatser end the day before.
 * - `participations` — CARRY_OVER (needs insatser carried over): each participation open on the merger
 *   date continues in C as a copy in the insats' copy, with its person, follow-ups and screenings; the
 *   original stays, marked carried over. CLOSE: they stay with the old förbund.
 * - `grants` — CARRY_OVER: each grant in force on the merger date (but styrgrupp seats, which belong to
 *   a body of the old förbund) is given anew in C from that date, its insatser mapped to their copies;
 *   CLOSE: none is. Either way the old grants end the day before.
 * - `budgets` — CARRY_OVER: the carried insatser's allocations (insatsbudget) for the merger year and
 *   later continue in C.
 * - `steeringGroups` (default: as `interventions`) — CARRY_OVER (needs insatser carried over): the
 *   styrgrupp of each carried insats continues in C as a copy steering the insats' copy, with the seats in
 *   term on the merger date (from that date, each representing C's counterpart of its member) and the
 *   STYRGRUPP grants of those seats. CLOSE: none is copied.
 * - `invitations` (default: as `grants`) — CARRY_OVER: each invitation unclaimed and unexpired on the
 *   merger date is given anew in C with its grants carried as `grants` says; CLOSE: none is. Either way
 *   the old invitations expire at the start of the merger date and their grants end the day before.
 * - `forbundBudget` (default: CLOSE) — CARRY_OVER (only from 1 January: a budget is a calendar year): C's
 *   budget (medlemsbidrag, costs, eget kapital) for each year from the merger year for which A or B had
 *   one and C has none is their sum, each member's contribution to its counterpart in C, undecided until
 *   C's board decides it. CLOSE: C decides its own budget; A's and B's stay as their history.
 * - `surveys` (default: CLOSE) — survey rounds of A and B taking answers over the merger date.
 *   CARRY_OVER: each continues in C as a copy (its insatser their copies; a round none of whose insatser
 *   is carried is not), taking answers from the merger date with codes C issues. Either way the old round
 *   stops taking answers at the start of the merger date; the answers given stay A's and B's results. A
 *   round planned to open only after the merger date stays A's as planned (indicators' domain/merger.ts).
 *
 * Every seat of A's and B's bodies (board, beredningsgrupp, styrgrupper) still in term ends the day before:
 * C's board is appointed by C's members. Governance records (bodies, meetings, minutes, decisions,
 * avvikelser, plans) always stay with the förbund that made them: they are its history. The old förbund
 * stay registered, marked merged, so their reports up to the merger date read as they did; C's reports
 * start at the merger date. Copies have name-based ids (kit `derivedId(mergerId, originalId)`), so every
 * subgraph finds the same copy and a repeated merger writes nothing twice.
 */
import type { ValidationIssue } from '@finsam/kit/errors.js';
import type { MEMBER_KINDS } from '../entities/Member.js';

export const MERGER_MODES = ['CARRY_OVER', 'CLOSE'] as const;
export type MergerMode = (typeof MERGER_MODES)[number];

export interface MergerOptions {
  interventions: MergerMode;
  participations: MergerMode;
  grants: MergerMode;
  budgets: MergerMode;
  steeringGroups: MergerMode;
  invitations: MergerMode;
  forbundBudget: MergerMode;
  surveys: MergerMode;
}

/** The kinds a decision may leave out, and what it then does (the documented defaults above). */
type Defaulted = 'steeringGroups' | 'invitations' | 'forbundBudget' | 'surveys';
export type MergerDecision = Omit<MergerOptions, Defaulted> & { [K in Defaulted]?: MergerMode | null };

/** A decision with every kind said: styrgrupper follow the insatser, invitations the grants; the rest close. */
export function withDefaults<T extends MergerDecision>(d: T): T & MergerOptions {
  return {
    ...d,
    steeringGroups: d.steeringGroups ?? d.interventions,
    invitations: d.invitations ?? d.grants,
    forbundBudget: d.forbundBudget ?? 'CLOSE',
    surveys: d.surveys ?? 'CLOSE',
  };
}

export interface MergerDraft extends MergerDecision {
  forbundIds: string[];
  intoId: string;
  effectiveOn: string;
  decisionReference: string;
}

export interface ForbundState {
  id: string;
  mergedInto?: string | null;
}

/** What is wrong with a merger decision, each issue at its input field. */
export function mergerIssues(decided: MergerDraft, forbunds: readonly ForbundState[]): ValidationIssue[] {
  const draft = withDefaults(decided);
  const issues: ValidationIssue[] = [];
  const known = new Map(forbunds.map((f) => [f.id, f]));
  const from = new Set(draft.forbundIds);
  if (from.size < 2 || from.size !== draft.forbundIds.length) {
    issues.push({ path: ['input', 'forbundIds'], message: 'Name two or more different förbund to merge' });
  }
  draft.forbundIds.forEach((id, i) => {
    const f = known.get(id);
    if (!f) {
      issues.push({ path: ['input', 'forbundIds', i], message: `No förbund ${id}` });
    } else if (f.mergedInto) {
      issues.push({ path: ['input', 'forbundIds', i], message: 'This förbund has merged already' });
    }
  });
  const into = known.get(draft.intoId);
  if (!into) {
    issues.push({
      path: ['input', 'intoId'],
      message: `No förbund ${draft.intoId}: register it first (createForbund)`,
    });
  } else if (from.has(draft.intoId)) {
    issues.push({ path: ['input', 'intoId'], message: 'The merged förbund is a new one, not one of those merging' });
  } else if (into.mergedInto) {
    issues.push({ path: ['input', 'intoId'], message: 'This förbund has merged into another' });
  }
  if (!/^\d{4}-(01|07)-01$/.test(draft.effectiveOn)) {
    issues.push({
      path: ['input', 'effectiveOn'],
      message: 'A merger takes effect on 1 January or 1 July: every report period is whole half-years',
    });
  }
  if (!draft.decisionReference.trim()) {
    issues.push({ path: ['input', 'decisionReference'], message: 'Name the decision (e.g. the members’ decision)' });
  }
  if (draft.participations === 'CARRY_OVER' && draft.interventions !== 'CARRY_OVER') {
    issues.push({
      path: ['input', 'participations'],
      message: 'Participations are carried over into their insatser: carry the insatser over too',
    });
  }
  if (draft.budgets === 'CARRY_OVER' && draft.interventions !== 'CARRY_OVER') {
    issues.push({
      path: ['input', 'budgets'],
      message: 'Allocations are carried over with their insatser: carry the insatser over too',
    });
  }
  if (draft.steeringGroups === 'CARRY_OVER' && draft.interventions !== 'CARRY_OVER') {
    issues.push({
      path: ['input', 'steeringGroups'],
      message: 'A styrgrupp steers its insats: carry the insatser over too',
    });
  }
  if (draft.forbundBudget === 'CARRY_OVER' && !draft.effectiveOn.endsWith('-01-01')) {
    issues.push({
      path: ['input', 'forbundBudget'],
      message: 'A budget covers a calendar year: it is carried over only by a merger from 1 January',
    });
  }
  return issues;
}

export interface MemberLike {
  id: string;
  kind: (typeof MEMBER_KINDS)[number];
  name: string;
  scbCode?: string | null;
}

/**
 * Each member of a merging förbund and its counterpart in the merged one: Försäkringskassan,
 * Arbetsförmedlingen and the region by kind, a kommun by its SCB code. A member without one is an
 * issue at `intoId` (the merged förbund must have every member of those merging).
 */
export function memberMapping(
  from: readonly MemberLike[],
  into: readonly MemberLike[],
): { map: Map<string, string>; issues: ValidationIssue[] } {
  const map = new Map<string, string>();
  const issues: ValidationIssue[] = [];
  for (const m of from) {
    const match = into.find(
      (n) => n.kind === m.kind && (m.kind !== 'KOMMUN' || (n.scbCode ?? null) === (m.scbCode ?? null)),
    );
    if (match) {
      map.set(m.id, match.id);
    } else {
      issues.push({ path: ['input', 'intoId'], message: `The merged förbund has no member for ${m.name}` });
    }
  }
  return { map, issues };
}

/** The day before a date (the last day of the old förbund). */
export function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

export interface GrantLike {
  role: string;
  seatId?: string | null;
  interventionIds: string[];
  validFrom?: string | null;
  validTo?: string | null;
  revokedAt?: Date | null;
}

/** Whether a grant is in force on the day (not revoked, within its validity). */
export function inForceOn(g: GrantLike, day: string): boolean {
  return !g.revokedAt && (g.validFrom == null || g.validFrom <= day) && (g.validTo == null || g.validTo >= day);
}

/**
 * The grant C gives for an old grant in force on the merger date, or null when it is not carried:
 * CLOSE, a styrgrupp seat not carried (`seatCopyOf`: old seat → its copy, when the styrgrupper are), or
 * staff of insatser none of which continue. Its insatser are their copies, its seat the seat's copy.
 */
export function carriedGrant(
  g: GrantLike,
  effectiveOn: string,
  mode: MergerMode,
  copyOf: ReadonlyMap<string, string>,
  seatCopyOf: ReadonlyMap<string, string> = new Map(),
): {
  role: string;
  interventionIds: string[];
  seatId: string | null;
  validFrom: string;
  validTo: string | null;
} | null {
  if (mode !== 'CARRY_OVER' || !inForceOn(g, effectiveOn)) {
    return null;
  }
  if (g.role === 'STYRGRUPP') {
    const seatId = g.seatId ? seatCopyOf.get(g.seatId) : undefined;
    return seatId
      ? { role: g.role, interventionIds: [], seatId, validFrom: effectiveOn, validTo: g.validTo ?? null }
      : null;
  }
  const interventionIds = g.interventionIds.flatMap((id) => {
    const copy = copyOf.get(id);
    return copy ? [copy] : [];
  });
  if (g.interventionIds.length > 0 && interventionIds.length === 0) {
    return null;
  }
  return { role: g.role, interventionIds, seatId: null, validFrom: effectiveOn, validTo: g.validTo ?? null };
}

/**
 * What becomes of an old grant: it ends the day before the merger (`validTo`), is revoked when it was to
 * start only after it, or stays as it is (`null`) when it ended before.
 */
export function endedGrant(g: GrantLike, effectiveOn: string): { validTo: string } | 'REVOKE' | null {
  const last = dayBefore(effectiveOn);
  if (g.revokedAt || (g.validTo != null && g.validTo <= last)) {
    return null;
  }
  return g.validFrom != null && g.validFrom > last ? 'REVOKE' : { validTo: last };
}

export interface SeatLike {
  termFrom: string;
  termTo?: string | null;
}

/** Whether a seat is held on the day. */
export function inTermOn(seat: SeatLike, day: string): boolean {
  return seat.termFrom <= day && (seat.termTo == null || seat.termTo >= day);
}

/**
 * The new term of an old seat: it ends the day before the merger, or stays as it is (null) when it ended
 * before or starts only after (a seat of a merged förbund that nobody holds).
 */
export function endedSeat(seat: SeatLike, effectiveOn: string): { termTo: string } | null {
  const last = dayBefore(effectiveOn);
  return seat.termFrom > last || (seat.termTo != null && seat.termTo <= last) ? null : { termTo: last };
}

/** The term of a carried styrgrupp seat in C, or null when the seat is not held on the merger date. */
export function carriedSeatTerm(
  seat: SeatLike,
  effectiveOn: string,
): { termFrom: string; termTo: string | null } | null {
  return inTermOn(seat, effectiveOn) ? { termFrom: effectiveOn, termTo: seat.termTo ?? null } : null;
}

export interface InvitationLike {
  expiresAt: Date;
  claimedAt?: Date | null;
}

/** The start of the merger date (UTC), when the old förbund's invitations and survey rounds stop working. */
export function mergerStart(effectiveOn: string): Date {
  return new Date(`${effectiveOn}T00:00:00Z`);
}

/** Whether an invitation could still be claimed at the start of the merger date. */
export function openOn(invitation: InvitationLike, effectiveOn: string): boolean {
  return !invitation.claimedAt && invitation.expiresAt > mergerStart(effectiveOn);
}
