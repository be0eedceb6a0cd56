/** A förbund merger's rules without a database: the decision, members, and what becomes of access. */
import {
  carriedGrant,
  carriedSeatTerm,
  dayBefore,
  endedGrant,
  endedSeat,
  type ForbundState,
  inForceOn,
  type MergerDraft,
  memberMapping,
  mergerIssues,
  openOn,
  withDefaults,
} from '../../src/domain/merger.js';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';
const draft: MergerDraft = {
  forbundIds: [A, B],
  intoId: C,
  effectiveOn: '2024-01-01',
  decisionReference: 'Medlemmarnas beslut',
  interventions: 'CARRY_OVER',
  participations: 'CARRY_OVER',
  grants: 'CARRY_OVER',
  budgets: 'CARRY_OVER',
};
const registry: ForbundState[] = [{ id: A }, { id: B }, { id: C }];

describe('mergerIssues', () => {
  it('accepts a decided merger of two förbund into a third from 1 January or 1 July', () => {
    expect(mergerIssues(draft, registry)).toEqual([]);
    expect(mergerIssues({ ...draft, effectiveOn: '2024-07-01' }, registry)).toEqual([]);
  });

  it('refuses each wrong field at its path', () => {
    const paths = (d: Partial<MergerDraft>, r = registry) =>
      mergerIssues({ ...draft, ...d }, r).map((i) => i.path.join('.'));
    expect(paths({ forbundIds: [A] })).toEqual(['input.forbundIds']);
    expect(paths({ forbundIds: [A, A] })).toEqual(['input.forbundIds']);
    expect(paths({ intoId: A })).toEqual(['input.intoId']);
    expect(paths({}, [{ id: A }, { id: B, mergedInto: C }, { id: C }])).toEqual(['input.forbundIds.1']);
    expect(paths({}, [{ id: A }, { id: B }])).toEqual(['input.intoId']);
    expect(paths({ effectiveOn: '2024-03-01' })).toEqual(['input.effectiveOn']);
    expect(paths({ decisionReference: ' ' })).toEqual(['input.decisionReference']);
    expect(paths({ interventions: 'CLOSE' })).toEqual(['input.participations', 'input.budgets']);
    expect(paths({ interventions: 'CLOSE', participations: 'CLOSE', budgets: 'CLOSE' })).toEqual([]);
    expect(
      paths({ interventions: 'CLOSE', participations: 'CLOSE', budgets: 'CLOSE', steeringGroups: 'CARRY_OVER' }),
    ).toEqual(['input.steeringGroups']);
    expect(paths({ effectiveOn: '2024-07-01', forbundBudget: 'CARRY_OVER' })).toEqual(['input.forbundBudget']);
    expect(paths({ forbundBudget: 'CARRY_OVER' })).toEqual([]);
  });
});

describe('withDefaults', () => {
  it('lets styrgrupper follow the insatser and invitations the grants; budget and surveys close', () => {
    expect(withDefaults(draft)).toMatchObject({
      steeringGroups: 'CARRY_OVER',
      invitations: 'CARRY_OVER',
      forbundBudget: 'CLOSE',
      surveys: 'CLOSE',
    });
    expect(withDefaults({ ...draft, interventions: 'CLOSE', grants: 'CLOSE' })).toMatchObject({
      steeringGroups: 'CLOSE',
      invitations: 'CLOSE',
    });
    expect(withDefaults({ ...draft, steeringGroups: 'CLOSE', surveys: 'CARRY_OVER', invitations: null })).toMatchObject(
      { steeringGroups: 'CLOSE', surveys: 'CARRY_OVER', invitations: 'CARRY_OVER' },
    );
  });
});

describe('memberMapping', () => {
  const into = [
    { id: 'fk', kind: 'FORSAKRINGSKASSAN' as const, name: 'FK', scbCode: null },
    { id: 'reg', kind: 'REGION' as const, name: 'Region Västmanland', scbCode: '19' },
    { id: 'vas', kind: 'KOMMUN' as const, name: 'Västerås', scbCode: '1980' },
  ];
  it('maps by kind, and a kommun by its SCB code', () => {
    const { map, issues } = memberMapping(
      [
        { id: 'a-fk', kind: 'FORSAKRINGSKASSAN', name: 'FK', scbCode: null },
        { id: 'a-vas', kind: 'KOMMUN', name: 'Västerås stad', scbCode: '1980' },
      ],
      into,
    );
    expect(issues).toEqual([]);
    expect([...map]).toEqual([
      ['a-fk', 'fk'],
      ['a-vas', 'vas'],
    ]);
  });

  it('names a member the merged förbund lacks', () => {
    const { issues } = memberMapping([{ id: 'sala', kind: 'KOMMUN', name: 'Sala kommun', scbCode: '1981' }], into);
    expect(issues).toEqual([
      { path: ['input', 'intoId'], message: 'The merged förbund has no member for Sala kommun' },
    ]);
  });
});

describe('access at a merger', () => {
  const staff = { role: 'STAFF', interventionIds: ['i1'], validFrom: null, validTo: null, revokedAt: null };
  const copies = new Map([['i1', 'c1']]);

  it('gives a grant in force anew from the merger date, its insatser their copies', () => {
    expect(carriedGrant(staff, '2024-01-01', 'CARRY_OVER', copies)).toEqual({
      role: 'STAFF',
      interventionIds: ['c1'],
      seatId: null,
      validFrom: '2024-01-01',
      validTo: null,
    });
  });

  it('gives a styrgrupp grant anew only with its seat carried, on the seat’s copy', () => {
    const seated = { ...staff, role: 'STYRGRUPP', interventionIds: [], seatId: 's1' };
    expect(carriedGrant(seated, '2024-01-01', 'CARRY_OVER', copies, new Map([['s1', 'sc1']]))).toEqual({
      role: 'STYRGRUPP',
      interventionIds: [],
      seatId: 'sc1',
      validFrom: '2024-01-01',
      validTo: null,
    });
    expect(carriedGrant(seated, '2024-01-01', 'CARRY_OVER', copies)).toBeNull();
  });

  it('carries nothing when closed, for a seat not carried, a grant not in force, or insatser that end', () => {
    expect(carriedGrant(staff, '2024-01-01', 'CLOSE', copies)).toBeNull();
    expect(
      carriedGrant({ ...staff, role: 'STYRGRUPP', interventionIds: [] }, '2024-01-01', 'CARRY_OVER', copies),
    ).toBeNull();
    expect(carriedGrant({ ...staff, validTo: '2023-06-30' }, '2024-01-01', 'CARRY_OVER', copies)).toBeNull();
    expect(carriedGrant({ ...staff, interventionIds: ['i2'] }, '2024-01-01', 'CARRY_OVER', copies)).toBeNull();
  });

  it('ends the old grant the day before, revokes one that would start later, leaves one that ended', () => {
    expect(dayBefore('2024-01-01')).toBe('2023-12-31');
    expect(endedGrant(staff, '2024-01-01')).toEqual({ validTo: '2023-12-31' });
    expect(endedGrant({ ...staff, validFrom: '2024-02-01' }, '2024-01-01')).toBe('REVOKE');
    expect(endedGrant({ ...staff, validTo: '2023-05-01' }, '2024-01-01')).toBeNull();
    expect(endedGrant({ ...staff, revokedAt: new Date() }, '2024-01-01')).toBeNull();
    expect(inForceOn({ ...staff, validFrom: '2024-01-02' }, '2024-01-01')).toBe(false);
  });
});

describe('seats and invitations at a merger', () => {
  it('ends a seat in term the day before, and leaves one that ended or starts after', () => {
    expect(endedSeat({ termFrom: '2023-01-01', termTo: null }, '2024-01-01')).toEqual({ termTo: '2023-12-31' });
    expect(endedSeat({ termFrom: '2023-01-01', termTo: '2026-12-31' }, '2024-01-01')).toEqual({
      termTo: '2023-12-31',
    });
    expect(endedSeat({ termFrom: '2022-01-01', termTo: '2023-06-30' }, '2024-01-01')).toBeNull();
    expect(endedSeat({ termFrom: '2024-03-01', termTo: null }, '2024-01-01')).toBeNull();
  });

  it('carries a styrgrupp seat held on the merger date from that date', () => {
    expect(carriedSeatTerm({ termFrom: '2023-01-01', termTo: '2026-12-31' }, '2024-01-01')).toEqual({
      termFrom: '2024-01-01',
      termTo: '2026-12-31',
    });
    expect(carriedSeatTerm({ termFrom: '2023-01-01', termTo: '2023-12-31' }, '2024-01-01')).toBeNull();
  });

  it('counts an invitation open when unclaimed and unexpired at the start of the merger date', () => {
    const expiresAt = new Date('2024-01-10T00:00:00Z');
    expect(openOn({ expiresAt, claimedAt: null }, '2024-01-01')).toBe(true);
    expect(openOn({ expiresAt, claimedAt: new Date('2023-12-01') }, '2024-01-01')).toBe(false);
    expect(openOn({ expiresAt: new Date('2024-01-01T00:00:00Z') }, '2024-01-01')).toBe(false);
  });
});
