/** Corrections of requisitions without a database: from which statuses, on which version, with what reason. */
import {
  amendedLines,
  amendment,
  CORRECTABLE_STATUSES,
  correctionRefusal,
  reasonIssues,
} from '../../src/domain/requisition-corrections.js';

describe('requisition corrections', () => {
  it('start from a submitted, approved or paid requisition, on the version the caller read', () => {
    expect(CORRECTABLE_STATUSES).toEqual(['SUBMITTED', 'APPROVED', 'PAID']);
    expect(correctionRefusal('r', { status: 'PAID', version: 3 }, 3)).toBeNull();
    expect(correctionRefusal('r', null, 1)?.constructor.name).toBe('NotFoundError');
    expect(correctionRefusal('r', { status: 'APPROVED', version: 2 }, 1)?.constructor.name).toBe('ConflictError');
    expect(correctionRefusal('r', { status: 'WITHDRAWN', version: 2 }, 2)?.message).toMatch(/withdrawn requisition/);
    expect(correctionRefusal('r', { status: 'REJECTED', version: 2 }, 2)?.message).toMatch(/rejected requisition/);
  });

  it('say why', () => {
    expect(reasonIssues(' x ')).toEqual([{ path: ['reason'], message: 'Say why the requisition is corrected' }]);
    expect(reasonIssues('Dubblett')).toEqual([]);
  });

  it('amend lines that differ, checked as a submission’s', () => {
    expect(amendment([{ category: 'PERSONNEL', amount: 100n }], [{ category: 'PERSONNEL', amount: 100 }])).toEqual({
      issues: [{ path: ['lines'], message: 'The lines are as recorded: nothing to amend' }],
    });
    expect(amendment([{ category: 'PERSONNEL', amount: 100n }], [{ category: 'TRAVEL', amount: 90 }])).toEqual({
      changes: [{ field: 'lines', from: 'PERSONNEL 100', to: 'TRAVEL 90' }],
    });
    expect(amendedLines.safeParse([{ category: 'PERSONNEL', amount: 0 }]).success).toBe(false);
  });
});
