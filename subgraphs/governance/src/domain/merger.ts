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
 *   later continue in C. C's own budget (medlemsbidrag) is C's to decide: its members are not A's.
 *
 * Governance records (bodies, meetings, minutes, decisions, avvikelser, plans) always stay with the
 * förbund that made them: they are its history. The old förbund stay registered, marked merged, so
 * their reports up to the merger date read as they did; C's reports start at the merger date. Copies
 * have name-based ids (kit `derivedId(mergerId, originalId)`), so every subgraph finds the same copy and
 * a repeated merger writes nothing twice.
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
}

export interface MergerDraft extends MergerOptions {
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
export function mergerIssues(draft: MergerDraft, forbunds: readonly ForbundState[]): ValidationIssue[] {
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
 * CLOSE, a styrgrupp seat, or staff of insatser none of which continue. Its insatser are their copies.
 */
export function carriedGrant(
  g: GrantLike,
  effectiveOn: string,
  mode: MergerMode,
  copyOf: ReadonlyMap<string, string>,
): { role: string; interventionIds: string[]; validFrom: string; validTo: string | null } | null {
  if (mode !== 'CARRY_OVER' || g.role === 'STYRGRUPP' || !inForceOn(g, effectiveOn)) {
    return null;
  }
  const interventionIds = g.interventionIds.flatMap((id) => {
    const copy = copyOf.get(id);
    return copy ? [copy] : [];
  });
  if (g.interventionIds.length > 0 && interventionIds.length === 0) {
    return null;
  }
  return { role: g.role, interventionIds, validFrom: effectiveOn, validTo: g.validTo ?? null };
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
