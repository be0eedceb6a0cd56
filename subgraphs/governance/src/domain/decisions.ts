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

/** What the other subgraphs say about what a decision names, asked on the caller's behalf. */
export interface ConcernedFacts {
  /** Teams: whether the insats the input names is one of the caller's förbund (undefined: none named). */
  interventionFound?: boolean;
  /** Participants: the insats of the named participation in the caller's förbund; null when there is none. */
  participationInsatsId?: string | null;
}

/**
 * What a decision names must exist in the caller's förbund: the insats (teams) and the participation
 * (participants), and a participation belongs to the insats the decision concerns (`interventionId`:
 * as given, or the insats whose styrgrupp takes it). Paths are those of `recordDecision`'s arguments.
 */
export function concernIssues(
  d: { interventionId?: string | null; participationId?: string | null },
  interventionId: string | null,
  facts: ConcernedFacts,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (d.interventionId && facts.interventionFound === false) {
    issues.push({ path: ['input', 'interventionId'], message: `No insats ${d.interventionId} in your förbund` });
  }
  if (d.participationId) {
    const insats = facts.participationInsatsId;
    if (!insats) {
      issues.push({
        path: ['input', 'participationId'],
        message: `No participation ${d.participationId} in your förbund`,
      });
    } else if (interventionId && insats !== interventionId) {
      issues.push({
        path: ['input', 'participationId'],
        message: 'The participation is in another insats than the one the decision concerns',
      });
    }
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
