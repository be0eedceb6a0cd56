/** The minutes (protokoll) rules: editable until approved, then fixed; corrections are new records. */
import { ConflictError } from '@finsam/kit/errors.js';
import {
  approvalConflict,
  approvalIssues,
  correctionIssues,
  recordingConflict,
  recordingIssues,
} from '../../src/domain/minutes.js';

const SEAT = 's0000000-0000-4000-8000-000000000001';
const OTHER = 's0000000-0000-4000-8000-000000000002';
const seats = new Set([SEAT]);
const planned = { minutes: null, minutesApprovedAt: null };
const recorded = { minutes: 'Teamen är fullt bemannade.', minutesApprovedAt: null };
const approved = { minutes: 'Teamen är fullt bemannade.', minutesApprovedAt: new Date('2022-10-01T10:00:00Z') };

describe('recording minutes', () => {
  it('records and re-records minutes until they are approved', () => {
    expect(recordingConflict(planned)).toBeNull();
    expect(recordingConflict(recorded)).toBeNull();
    expect(recordingIssues([SEAT], seats)).toEqual([]);
  });

  it('refuses to change approved minutes (a conflict): a correction is recorded instead', () => {
    const conflict = recordingConflict(approved);
    expect(conflict).toBeInstanceOf(ConflictError);
    expect(conflict).toMatchObject({
      path: ['minutes'],
      message: 'The minutes are approved: record a correction instead',
    });
  });

  it('refuses attendance of anyone without a seat in the body, naming each', () => {
    expect(recordingIssues([SEAT, OTHER], seats)).toEqual([
      { path: ['attendance', 1], message: `${OTHER} has no seat in this body` },
    ]);
  });
});

describe('approving minutes (justering)', () => {
  it('approves recorded minutes', () => {
    expect(approvalIssues(recorded)).toEqual([]);
    expect(approvalConflict(recorded)).toBeNull();
  });

  it('refuses when there are no minutes', () => {
    expect(approvalIssues(planned)).toEqual([{ path: ['meetingId'], message: 'There are no minutes to approve' }]);
  });

  it('refuses to approve twice: a conflict, whether the other approval came earlier or at the same moment', () => {
    const conflict = approvalConflict(approved);
    expect(conflict).toBeInstanceOf(ConflictError);
    expect(conflict).toMatchObject({ path: ['meetingId'], message: 'The minutes are already approved' });
  });
});

describe('correcting minutes', () => {
  it('corrects approved minutes with a new record', () => {
    expect(correctionIssues(approved, 'Rättelse: 106 av 110 årsplatser.')).toEqual([]);
  });

  it('refuses to correct minutes not yet approved: they are edited instead', () => {
    expect(correctionIssues(recorded, 'Rättelse')).toEqual([
      { path: ['meetingId'], message: 'The minutes are not approved yet: edit them instead' },
    ]);
  });

  it('refuses a correction that says nothing', () => {
    expect(correctionIssues(approved, '  x ')).toEqual([{ path: ['text'], message: 'Say what is corrected' }]);
  });
});
