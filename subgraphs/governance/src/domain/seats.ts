/**
 * FINSAM's rules for the bodies of a förbund and their seats. Every seat has an explicit role: an
 * adjungerad takes part but never votes; a term cannot end before it starts; a seat represents a
 * member of this förbund or none (e.g. the förbundschef). A styrgrupp steers exactly one insats,
 * an insats has at most one styrgrupp, and each owner of the insats needs an ordinarie
 * representative with vote and beslutsmandat from its own organisation.
 */
import type { ValidationIssue } from '@finsam/kit/errors.js';
import type { BodyKind } from '../entities/Body.js';
import type { SEAT_ROLES } from '../entities/BodyMember.js';

export type SeatRole = (typeof SEAT_ROLES)[number];

/** A seat as `setSeats` gives it. */
export interface SeatDraft {
  memberId?: string | null;
  role: SeatRole;
  voting: boolean;
  mandate: boolean;
  termFrom: string;
  termTo?: string | null;
}

/** Whether the body steers an insats: a styrgrupp steers one, every other body none. */
export function bodyInsatsIssues(body: { kind: BodyKind; interventionId?: string | null }): ValidationIssue[] {
  return (body.kind === 'STEERING_GROUP') === !!body.interventionId
    ? []
    : [{ path: ['interventionId'], message: 'A styrgrupp steers one insats; other bodies steer none' }];
}

/** A new styrgrupp's insats: it exists in the förbund and has no styrgrupp yet. */
export function steeringGroupInsatsIssues(insats: { exists: boolean; hasSteeringGroup: boolean }): ValidationIssue[] {
  if (!insats.exists) {
    return [{ path: ['input', 'interventionId'], message: 'No such insats in your förbund' }];
  }
  if (insats.hasSteeringGroup) {
    return [{ path: ['input', 'interventionId'], message: 'The insats already has a styrgrupp' }];
  }
  return [];
}

/**
 * What is wrong with a body's seats (paths as `setSeats` names them: `['seats', i, …]`).
 * `memberIds` are the förbund's members; `owners` the members owning the insats a styrgrupp steers
 * (none for other bodies).
 */
export function seatIssues(
  body: { kind: BodyKind },
  seats: readonly SeatDraft[],
  { memberIds, owners }: { memberIds: ReadonlySet<string>; owners: readonly string[] },
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  seats.forEach((s, i) => {
    if (s.role === 'ADJUNGERAD' && s.voting) {
      issues.push({ path: ['seats', i, 'voting'], message: 'An adjungerad takes part but never votes' });
    }
    if (s.memberId && !memberIds.has(s.memberId)) {
      issues.push({ path: ['seats', i, 'memberId'], message: `${s.memberId} is not a member of your förbund` });
    }
    if (s.termTo && s.termTo < s.termFrom) {
      issues.push({ path: ['seats', i, 'termTo'], message: 'The term ends before it starts' });
    }
  });
  if (body.kind === 'STEERING_GROUP') {
    const represented = new Set(seats.filter(representsWithMandate).map((s) => s.memberId));
    for (const owner of owners) {
      if (!represented.has(owner)) {
        issues.push({
          path: ['seats'],
          message: `Owner ${owner} has no ordinarie representative with mandate and vote`,
        });
      }
    }
  }
  return issues;
}

/** A seat that speaks for its member in a styrgrupp: ordinarie, with vote and beslutsmandat. */
const representsWithMandate = (s: SeatDraft) => s.role === 'ORDINARIE' && s.mandate && s.voting && !!s.memberId;
