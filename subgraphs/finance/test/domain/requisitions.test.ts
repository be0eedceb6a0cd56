/**
 * Rekvisitioner: when one may be sent and by whom, its period and due date, and which decision may
 * follow which. Figures from the Norra Västmanland requisitions the finance tests use.
 */
import { ConflictError, NotFoundError, ValidationError } from '@finsam/kit/errors.js';
import { parseInput } from '@finsam/kit/validation.js';
import {
  DECISIONS,
  decisionRefusal,
  isLate,
  PERIOD_HOLDING_STATUSES,
  periodsIn,
  periodTaken,
  rejectionIssues,
  requisitionAmount,
  type SubmitInput,
  submissionDate,
  submissionIssues,
  submitInput,
} from '../../src/domain/requisitions.js';
import type { RequisitionStatus } from '../../src/entities/Requisition.js';

const FNS = '00000000-0000-4000-8000-000000000001';

const submission = (overrides: Partial<SubmitInput> = {}): SubmitInput => ({
  interventionId: FNS,
  year: 2023,
  period: 2,
  lines: [
    { category: 'PERSONNEL', amount: 200_000 },
    { category: 'PREMISES', amount: 12_345 },
  ],
  submittedOn: null,
  ...overrides,
});

const refusal = (value: unknown) => {
  try {
    parseInput(submitInput, value);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues;
  }
  throw new Error('accepted');
};

describe('a requisition as an insats sends it', () => {
  it('accepts periods 1–6 with lines that ask for more than 0 kr', () => {
    expect(parseInput(submitInput, submission())).toMatchObject({ period: 2, lines: [{ amount: 200_000 }, {}] });
  });

  it.each([0, 7])('refuses period %i', (period) => {
    expect(refusal(submission({ period }))).toEqual([{ path: ['input', 'period'], message: 'Periods are 1–6' }]);
  });

  it('refuses a requisition without lines, with a category twice, or for 0 kr', () => {
    expect(refusal(submission({ lines: [] }))).toEqual([
      { path: ['input', 'lines'], message: 'A requisition has at least one line' },
      { path: ['input', 'lines'], message: 'A requisition asks for more than 0 kr' },
    ]);
    const twice = [
      { category: 'TRAVEL', amount: 1 },
      { category: 'TRAVEL', amount: 2 },
    ] as SubmitInput['lines'];
    expect(refusal(submission({ lines: twice }))).toEqual([
      { path: ['input', 'lines'], message: 'A cost category is listed twice' },
    ]);
    expect(refusal(submission({ lines: [{ category: 'MATERIAL', amount: 0 }] }))).toEqual([
      { path: ['input', 'lines'], message: 'A requisition asks for more than 0 kr' },
    ]);
  });

  it('refuses a negative amount, a year before FINSAM and an id that is no insats id', () => {
    expect(refusal(submission({ lines: [{ category: 'MATERIAL', amount: -1 }] }))).toContainEqual({
      path: ['input', 'lines', 0, 'amount'],
      message: 'An amount cannot be negative',
    });
    expect(refusal(submission({ year: 2003 }))).toEqual([{ path: ['input', 'year'], message: 'FINSAM began in 2004' }]);
    expect(refusal(submission({ interventionId: 'FNS' }))).toEqual([
      { path: ['input', 'interventionId'], message: 'Not an insats id' },
    ]);
  });
});

describe('when a requisition may be sent, and who gives its date', () => {
  const at = ['input', 'submittedOn'];

  it('is sent today unless an administrator registers an earlier date', () => {
    expect(submissionDate(submission(), '2023-05-02')).toBe('2023-05-02');
    expect(submissionDate(submission({ submittedOn: '2023-04-20' }), '2023-05-02')).toBe('2023-04-20');
  });

  it('accepts staff sending it today, within or after its period', () => {
    expect(submissionIssues(submission(), { today: '2023-03-01', byTenantAdmin: false })).toEqual([]);
    expect(submissionIssues(submission(), { today: '2023-06-15', byTenantAdmin: false })).toEqual([]);
  });

  it('lets a förbund administrator register an earlier date; staff may not', () => {
    const backdated = submission({ submittedOn: '2023-05-02' });
    expect(submissionIssues(backdated, { today: '2023-06-01', byTenantAdmin: true })).toEqual([]);
    expect(submissionIssues(backdated, { today: '2023-06-01', byTenantAdmin: false })).toEqual([
      { path: at, message: 'Only a förbund administrator registers an earlier submission date' },
    ]);
  });

  it('refuses a requisition sent before its period begins', () => {
    expect(submissionIssues(submission(), { today: '2023-02-28', byTenantAdmin: false })).toEqual([
      { path: at, message: 'A requisition is sent after its period has begun' },
    ]);
  });

  it('refuses a submission date in the future', () => {
    expect(
      submissionIssues(submission({ submittedOn: '2023-05-03' }), { today: '2023-05-02', byTenantAdmin: true }),
    ).toEqual([{ path: at, message: 'The submission date is in the future' }]);
  });
});

describe('periods and due dates', () => {
  it('a year has six periods and a half year three', () => {
    expect(periodsIn(12)).toBe(6);
    expect(periodsIn(6)).toBe(3);
  });

  it('is late when sent after the last day of the month after the period', () => {
    expect(isLate({ year: 2021, period: 3, submittedOn: '2021-07-31' })).toBe(false);
    expect(isLate({ year: 2021, period: 3, submittedOn: '2021-08-01' })).toBe(true);
    expect(isLate({ year: 2021, period: 6, submittedOn: '2022-01-31' })).toBe(false);
    expect(isLate({ year: 2021, period: 6, submittedOn: '2022-02-01' })).toBe(true);
  });

  it('a submitted, approved or paid requisition holds its period; a rejected one frees it', () => {
    expect([...PERIOD_HOLDING_STATUSES].sort()).toEqual(['APPROVED', 'PAID', 'SUBMITTED']);
    expect(periodTaken({ year: 2024, period: 1 })).toEqual({
      path: ['input', 'period'],
      message: 'Period 1 of 2024 is already requisitioned',
    });
  });

  it('asks for the sum of its lines', () => {
    expect(requisitionAmount([{ amount: 200_000n }, { amount: 12_345n }])).toBe(212_345n);
    expect(requisitionAmount([])).toBe(0n);
  });
});

describe('decisions', () => {
  it('approve and reject a submitted requisition; pay an approved one', () => {
    expect(DECISIONS).toEqual({
      approve: { from: 'SUBMITTED', to: 'APPROVED' },
      reject: { from: 'SUBMITTED', to: 'REJECTED' },
      markPaid: { from: 'APPROVED', to: 'PAID' },
    });
  });

  it('a rejection says why', () => {
    for (const reason of ['', ' ', ' x ']) {
      expect(rejectionIssues(reason)).toEqual([{ path: ['reason'], message: 'Say why the requisition is rejected' }]);
    }
    expect(rejectionIssues('Kvitton saknas')).toEqual([]);
    expect(rejectionIssues(' ok ')).toEqual([]);
  });

  it('is not found in another förbund', () => {
    const refused = decisionRefusal('r1', null, 3, 'approve');
    expect(refused).toBeInstanceOf(NotFoundError);
    expect(refused).toMatchObject({ path: ['id'], message: 'No requisition r1 in your förbund' });
  });

  it('made on an older version is a ConflictError, whatever the status', () => {
    const refused = decisionRefusal('r1', { status: 'APPROVED', version: 2 }, 1, 'approve');
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused).toMatchObject({
      path: ['expectedVersion'],
      message: 'The requisition changed since you read version 1: it is now APPROVED (version 2)',
    });
  });

  const wrong: [keyof typeof DECISIONS, RequisitionStatus, string][] = [
    ['approve', 'REJECTED', 'Only a submitted requisition can become approved; this one is rejected'],
    ['approve', 'PAID', 'Only a submitted requisition can become approved; this one is paid'],
    ['reject', 'APPROVED', 'Only a submitted requisition can become rejected; this one is approved'],
    ['markPaid', 'SUBMITTED', 'Only a approved requisition can become paid; this one is submitted'],
    ['markPaid', 'PAID', 'Only a approved requisition can become paid; this one is paid'],
  ];
  it.each(wrong)('%s of a %s requisition is refused', (decision, status, message) => {
    const refused = decisionRefusal('r1', { status, version: 2 }, 2, decision);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).issues).toEqual([{ path: ['id'], message }]);
  });
});
