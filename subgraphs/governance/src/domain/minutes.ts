/**
 * The rules of a meeting's minutes (protokoll). Minutes are recorded after the meeting, with the
 * attendance (seats of the body only), and edited freely until approved (justerade); from then on
 * they are an official record and never change: a correction is a new record beside them.
 *
 * Minutes approved already are a conflict, not bad input: someone approved them first (a moment or a
 * day before, the answer is the same), so two approvals at the same time give what a serial order gives.
 */
import { ConflictError, type ValidationIssue } from '@finsam/kit/errors.js';

/** What the rules need of a meeting. */
export interface MinutesState {
  minutes?: string | null;
  minutesApprovedAt?: Date | null;
}

/** Recording minutes (`recordMeeting`) after approval: a conflict; record a correction instead. */
export function recordingConflict(meeting: MinutesState): ConflictError | null {
  return meeting.minutesApprovedAt
    ? new ConflictError(['minutes'], 'The minutes are approved: record a correction instead')
    : null;
}

/** Recording minutes and attendance (`recordMeeting`): only the body's seats present. */
export function recordingIssues(attendance: readonly string[], seatIds: ReadonlySet<string>): ValidationIssue[] {
  return attendance.flatMap((id, i) =>
    seatIds.has(id) ? [] : [{ path: ['attendance', i], message: `${id} has no seat in this body` }],
  );
}

/** Approving (justering) minutes approved already: a conflict. */
export function approvalConflict(meeting: MinutesState): ConflictError | null {
  return meeting.minutesApprovedAt ? new ConflictError(['meetingId'], 'The minutes are already approved') : null;
}

/** Approving (justering): there are minutes. */
export function approvalIssues(meeting: MinutesState): ValidationIssue[] {
  return meeting.minutes ? [] : [{ path: ['meetingId'], message: 'There are no minutes to approve' }];
}

/** A correction: only of approved minutes (before that, edit them), and it says what is corrected. */
export function correctionIssues(meeting: MinutesState, text: string): ValidationIssue[] {
  if (!meeting.minutesApprovedAt) {
    return [{ path: ['meetingId'], message: 'The minutes are not approved yet: edit them instead' }];
  }
  if (text.trim().length < 2) {
    return [{ path: ['text'], message: 'Say what is corrected' }];
  }
  return [];
}

/** A decision belongs to the minutes: it is recorded before they are approved, never added after. */
export function decisionRecordingIssues(meeting: MinutesState): ValidationIssue[] {
  return meeting.minutesApprovedAt
    ? [{ path: ['meetingId'], message: 'The minutes are approved: a decision is not added to them afterwards' }]
    : [];
}
