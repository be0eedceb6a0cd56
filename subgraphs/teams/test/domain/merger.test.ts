/** An insats at a förbund merger, without a database: the copy, its positions, and closing the original. */
import { carriedIntervention, carriedPositions, closedIntervention, runsOn } from '../../src/domain/merger.js';

const members = new Map([
  ['a-fk', 'c-fk'],
  ['a-vas', 'c-vas'],
]);
const insats = {
  id: 'i1',
  tenantId: 'a',
  name: 'Samordningsteamet',
  kind: 'INDIVIDUAL',
  form: 'UNTIL_FURTHER_NOTICE',
  ownerMemberIds: ['a-fk', 'a-vas'],
  bookkeepingMemberId: 'a-vas',
  startDate: '2020-01-01',
  endDate: null,
  closedReason: null,
} as never;

describe('carrying an insats over', () => {
  it('copies it into the merged förbund from the merger date, its members mapped', () => {
    expect(carriedIntervention(insats, { id: 'c1', tenantId: 'c' }, '2024-01-01', members)).toMatchObject({
      id: 'c1',
      tenantId: 'c',
      name: 'Samordningsteamet',
      ownerMemberIds: ['c-fk', 'c-vas'],
      bookkeepingMemberId: 'c-vas',
      startDate: '2024-01-01',
    });
    expect(() =>
      carriedIntervention(
        { ...(insats as object), bookkeepingMemberId: 'a-x' } as never,
        { id: 'c1', tenantId: 'c' },
        '2024-01-01',
        members,
      ),
    ).toThrow(/No counterpart/);
  });

  it('closes the original the day before, unless it ended already', () => {
    expect(runsOn({ endDate: null }, '2024-01-01')).toBe(true);
    expect(runsOn({ endDate: '2023-12-31' }, '2024-01-01')).toBe(false);
    expect(closedIntervention({ startDate: '2020-01-01', endDate: null }, '2024-01-01')).toEqual({
      endDate: '2023-12-31',
      closedReason: 'Förbundet slogs samman 2024-01-01',
    });
    expect(closedIntervention({ startDate: '2020-01-01', endDate: '2023-06-30' }, '2024-01-01')).toBeNull();
    expect(closedIntervention({ startDate: '2024-03-01', endDate: null }, '2024-01-01')).toBeNull();
  });

  it('carries the staff positions in force on the merger date, from that date', () => {
    const positions = [
      {
        id: 's1',
        tenantId: 'a',
        role: 'COACH',
        employerMemberId: 'a-fk',
        ftePercent: 100,
        financing: 'FORBUND',
        fromDate: '2021-01-01',
        toDate: null,
      },
      {
        id: 's2',
        tenantId: 'a',
        role: 'COACH',
        employerMemberId: 'a-vas',
        ftePercent: 50,
        financing: 'FORBUND',
        fromDate: '2021-01-01',
        toDate: '2023-06-30',
      },
    ] as never[];
    expect(carriedPositions(positions, '2024-01-01', members, (id) => `copy-${id}`, 'c')).toEqual([
      expect.objectContaining({
        id: 'copy-s1',
        tenantId: 'c',
        employerMemberId: 'c-fk',
        fromDate: '2024-01-01',
        toDate: null,
      }),
    ]);
  });
});
