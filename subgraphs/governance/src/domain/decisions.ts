/**
 * The rules of a beslut: what each kind must name, and who may vote. Only seats of the meeting's
 * body vote, each once; an adjungerad never votes, and neither does a seat without a vote.
 */
import type { ValidationIssue } from '@finsam/kit/errors.js';
import type { DECISION_KINDS, Vote } from '../entities/Decision.js';
import type { SeatRole } from './seats.js';

export type DecisionKind = (typeof DECISION_KINDS)[number];

/**
 * What a decision of its kind must name: an extension (förlängning) its participation, a budget
 * its year. Paths are relative to the decision input (the input schema puts `input` before them).
 */
export function decisionIssues(d: {
  kind: DecisionKind;
  participationId?: string | null;
  budgetYear?: number | null;
}): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (d.kind === 'EXTENSION' && !d.participationId) {
    issues.push({ path: ['participationId'], message: 'An extension concerns a participation' });
  }
  if (d.kind === 'BUDGET' && d.budgetYear == null) {
    issues.push({ path: ['budgetYear'], message: 'A budget decision names its year' });
  }
  return issues;
}

/** A seat as the vote rules see it. */
export interface VotingSeat {
  name: string;
  role: SeatRole;
  voting: boolean;
}

/** What is wrong with the votes of a decision, given the seats of the meeting's body by id. */
export function voteIssues(votes: readonly Vote[], seats: ReadonlyMap<string, VotingSeat>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  votes.forEach((v, i) => {
    const path = ['input', 'votes', i, 'seatId'];
    const seat = seats.get(v.seatId);
    if (!seat) {
      issues.push({ path, message: `${v.seatId} has no seat in this body` });
    } else if (seat.role === 'ADJUNGERAD') {
      issues.push({ path, message: `${seat.name} is adjungerad and has no vote` });
    } else if (!seat.voting) {
      issues.push({ path, message: `${seat.name} has no vote in this body` });
    }
    if (seen.has(v.seatId)) {
      issues.push({ path, message: 'One vote per seat' });
    }
    seen.add(v.seatId);
  });
  return issues;
}
