/** The finance file kind without a database: reading CSV, each record's rules and the rules across the file. */
import { checkFinanceRecords, readFinanceFile } from '../../src/domain/finance-import.js';

const INSATS = '00000000-0000-4000-8000-000000000001';
const CSV = [
  'kind,sourceRef,interventionId,year,amount,period,submittedOn,status,lines,rejectionReason',
  `ALLOCATION,A-1,${INSATS},2021,600000,,,,,`,
  `REQUISITION,R-1,${INSATS},2021,,1,2021-03-10,PAID,PERSONNEL:90000;TRAVEL:1500,`,
  `REQUISITION,R-2,${INSATS},2021,,1,2021-03-11,APPROVED,PERSONNEL:1,`,
  `REQUISITION,R-3,${INSATS},2021,,2,2021-02-01,REJECTED,PERSONNEL:1,`,
  `REQUISITION,R-1,${INSATS},2021,,9,2021-03-10,,PERSONNEL:-5,`,
].join('\n');

describe('finance import', () => {
  it('reads each record in form and names the fields a record gets wrong', () => {
    const read = readFinanceFile('CSV', CSV);
    expect(read.rows).toBe(5);
    expect(read.records.map((r) => r.row)).toEqual([1, 2, 3, 4]);
    expect(read.records[1]?.record).toMatchObject({
      lines: [
        { category: 'PERSONNEL', amount: 90000 },
        { category: 'TRAVEL', amount: 1500 },
      ],
    });
    expect(read.issues.map((i) => [i.row, i.field])).toEqual([
      [5, 'period'],
      [5, 'lines.0.amount'],
      [5, 'lines'],
    ]);
    expect(readFinanceFile('JSON', '{').issues[0]).toMatchObject({ row: 0, field: 'content' });
  });

  it('applies the mutations’ rules and one requisition per period', () => {
    const { records } = readFinanceFile('CSV', CSV);
    const issues = checkFinanceRecords(records, { taken: new Set(), unknown: new Set(), today: '2026-12-01' });
    expect(issues.map((i) => [i.row, i.field])).toEqual([
      [3, 'period'],
      [4, 'submittedOn'],
      [4, 'rejectionReason'],
    ]);
    const elsewhere = checkFinanceRecords(records.slice(0, 2), {
      taken: new Set([`${INSATS}:2021:1`]),
      unknown: new Set([]),
      today: '2026-12-01',
    });
    expect(elsewhere).toEqual([{ row: 2, field: 'period', message: 'Period 1 of 2021 is already requisitioned' }]);
  });
});
