/** An insats' rules alone: its fields, the rules across fields, owners and kommuner, fixed fields, closing. */
import {
  changedIntervention,
  checkIntervention,
  closing,
  crossFieldIssues,
  type ForbundMember,
  fixedFieldIssues,
  type InterventionData,
  interventionData,
  isActive,
  membershipIssues,
  parseInterventionChange,
  parseNewIntervention,
  positionEndOnClose,
} from '../../src/domain/intervention.js';
import type { Intervention } from '../../src/entities/Intervention.js';
import { issuesOf } from './issues.js';

const AF = '00000000-0000-4000-8000-00000000000a';
const KOMMUN = '00000000-0000-4000-8000-00000000000b';
const FK = '00000000-0000-4000-8000-00000000000c';
const OTHER = '00000000-0000-4000-8000-00000000000d';
const MEMBERS: ForbundMember[] = [
  { id: AF, kind: 'ARBETSFORMEDLINGEN', scbCode: null },
  { id: KOMMUN, kind: 'KOMMUN', scbCode: '1980' },
  { id: FK, kind: 'FORSAKRINGSKASSAN', scbCode: null },
  { id: '00000000-0000-4000-8000-00000000000e', kind: 'REGION', scbCode: '19' },
];

const input = () => ({
  name: 'Unga vuxna Västerås',
  kind: 'INDIVIDUAL',
  form: 'PROJECT',
  ownerMemberIds: [AF, KOMMUN],
  bookkeepingMemberId: KOMMUN,
  startDate: '2026-01-01',
  endDate: '2027-12-31',
  kommunCodes: ['1980'],
  maxEnrolled: 20,
  followUpMethod: 'Indikatorer för finansiell samordning',
  esfFunded: false,
});
const valid = (change: Partial<InterventionData> = {}): InterventionData => ({
  ...parseNewIntervention(input()),
  ...change,
});

describe('a new insats', () => {
  it('takes valid input, with ages 16–64, no priority groups and no methods by default', () => {
    expect(parseNewIntervention(input())).toMatchObject({
      targetAgeMin: 16,
      targetAgeMax: 64,
      priorityGroups: [],
      methods: [],
    });
  });

  it('reads null as left out, so the defaults apply', () => {
    expect(parseNewIntervention({ ...input(), targetAgeMax: null, methods: null })).toMatchObject({
      targetAgeMax: 64,
      methods: [],
    });
  });

  it('allows ages 16–67 (FINSAM since 2024)', () => {
    expect(parseNewIntervention({ ...input(), targetAgeMin: 16, targetAgeMax: 67 }).targetAgeMax).toBe(67);
  });

  it.each([
    ['one owner', { ownerMemberIds: [AF] }, ['input', 'ownerMemberIds'], 'An insats has at least two owners'],
    ['an owner that is no id', { ownerMemberIds: [AF, 'Västerås'] }, ['input', 'ownerMemberIds', 1], 'Not a member id'],
    ['an age below 16', { targetAgeMin: 15 }, ['input', 'targetAgeMin'], 'FINSAM insatser are for ages 16–67'],
    ['an age above 67', { targetAgeMax: 70 }, ['input', 'targetAgeMax'], 'FINSAM insatser are for ages 16–67'],
    ['no name', { name: ' x ' }, ['input', 'name'], 'Name is required'],
    ['a date that is no date', { startDate: '2026-1-1' }, ['input', 'startDate'], 'Date is YYYY-MM-DD'],
    [
      'a kommun by name',
      { kommunCodes: ['Västerås'] },
      ['input', 'kommunCodes', 0],
      'A kommun is its 4-digit SCB code',
    ],
    ['no follow-up method', { followUpMethod: '' }, ['input', 'followUpMethod'], 'Follow-up method is required'],
  ])('refuses %s', (_name, change, path, message) => {
    expect(issuesOf(() => parseNewIntervention({ ...input(), ...change }))).toContainEqual({ path, message });
  });
});

describe('rules across fields', () => {
  it('passes a valid insats', () => {
    expect(crossFieldIssues(valid())).toEqual([]);
  });

  it.each<[string, Partial<InterventionData>, string, string]>([
    ['an owner listed twice', { ownerMemberIds: [KOMMUN, KOMMUN] }, 'ownerMemberIds', 'An owner is listed twice'],
    [
      'bookkeeping by a member that is no owner',
      { bookkeepingMemberId: FK },
      'bookkeepingMemberId',
      'The bookkeeping member must be one of the owners',
    ],
    ['a project without an end date', { endDate: null }, 'endDate', 'A project has an end date'],
    ['an end before the start', { endDate: '2025-12-31' }, 'endDate', 'The end date is before the start date'],
    ['an empty age range', { targetAgeMin: 30, targetAgeMax: 29 }, 'targetAgeMax', 'The age range is empty'],
    ['a kommun listed twice', { kommunCodes: ['1980', '1980'] }, 'kommunCodes', 'A kommun is listed twice'],
    [
      'an individinriktad insats without capacity',
      { maxEnrolled: null, yearlyPlaces: null },
      'maxEnrolled',
      'An individinriktad insats states its capacity: max enrolled and/or årsplatser',
    ],
    [
      'an individinriktad insats counting attendees',
      { attendeeTargetPerYear: 400 },
      'attendeeTargetPerYear',
      'Only a strukturövergripande insats counts attendees',
    ],
  ])('refuses %s', (_name, change, field, message) => {
    expect(crossFieldIssues(valid(change))).toEqual([{ path: ['input', field], message }]);
  });

  it('takes årsplatser alone as capacity', () => {
    expect(crossFieldIssues(valid({ maxEnrolled: null, yearlyPlaces: 110 }))).toEqual([]);
  });

  it('lets a tills vidare insats run without an end date', () => {
    expect(crossFieldIssues(valid({ form: 'UNTIL_FURTHER_NOTICE', endDate: null, noticeMonths: 6 }))).toEqual([]);
  });

  it('asks no capacity of a strukturövergripande insats, and lets it count attendees', () => {
    expect(
      crossFieldIssues(
        valid({ kind: 'STRUCTURAL', maxEnrolled: null, yearlyPlaces: null, attendeeTargetPerYear: 400 }),
      ),
    ).toEqual([]);
  });
});

describe('owners and kommuner of the caller’s förbund', () => {
  it('passes members and kommuner of the förbund', () => {
    expect(membershipIssues(valid(), MEMBERS)).toEqual([]);
  });

  it('names each owner that is not a member, at its index', () => {
    expect(membershipIssues(valid({ ownerMemberIds: [AF, OTHER] }), MEMBERS)).toEqual([
      { path: ['input', 'ownerMemberIds', 1], message: `${OTHER} is not a member of your förbund` },
    ]);
  });

  it('takes kommuner only from the förbund’s kommun members (a region’s code is no kommun)', () => {
    expect(membershipIssues(valid({ kommunCodes: ['1980', '1981', '19'] }), MEMBERS)).toEqual([
      { path: ['input', 'kommunCodes', 1], message: 'Kommun 1981 is not a member of your förbund' },
      { path: ['input', 'kommunCodes', 2], message: 'Kommun 19 is not a member of your förbund' },
    ]);
  });

  it('checks everything at once: the rules across fields first, then membership', () => {
    expect(() => checkIntervention(valid(), MEMBERS)).not.toThrow();
    expect(
      issuesOf(() => checkIntervention(valid({ endDate: null, ownerMemberIds: [OTHER, KOMMUN] }), MEMBERS)),
    ).toEqual([
      { path: ['input', 'endDate'], message: 'A project has an end date' },
      { path: ['input', 'ownerMemberIds', 0], message: `${OTHER} is not a member of your förbund` },
    ]);
  });
});

describe('fixed at creation (Uppföljning Finsam)', () => {
  const fixedMessage = (key: string) =>
    `${key} is fixed when the insats is created (Uppföljning Finsam); register a new insats instead`;

  it('refuses a new kind, follow-up method or ESF funding, each at its field', () => {
    expect(
      fixedFieldIssues(valid(), { kind: 'STRUCTURAL', followUpMethod: 'Egen enkät', esfFunded: true, name: 'Nytt' }),
    ).toEqual([
      { path: ['input', 'kind'], message: fixedMessage('kind') },
      { path: ['input', 'followUpMethod'], message: fixedMessage('followUpMethod') },
      { path: ['input', 'esfFunded'], message: fixedMessage('esfFunded') },
    ]);
  });

  it('accepts the same values again, and fields left out', () => {
    expect(fixedFieldIssues(valid(), { kind: 'INDIVIDUAL', esfFunded: false, name: 'Nytt' })).toEqual([]);
    expect(fixedFieldIssues(valid(), {})).toEqual([]);
  });

  it('gives the insats as it will be after a change, or refuses a fixed field', () => {
    expect(changedIntervention(valid(), { name: 'Nytt namn', targetAgeMax: 67 })).toEqual(
      valid({ name: 'Nytt namn', targetAgeMax: 67 }),
    );
    expect(issuesOf(() => changedIntervention(valid(), { esfFunded: true }))).toEqual([
      { path: ['input', 'esfFunded'], message: fixedMessage('esfFunded') },
    ]);
  });

  it('reads an update: fields given only, null as left out', () => {
    expect(parseInterventionChange({ name: 'Nytt namn', endDate: null })).toEqual({ name: 'Nytt namn' });
    expect(issuesOf(() => parseInterventionChange({ targetAgeMax: 68 }))).toEqual([
      { path: ['input', 'targetAgeMax'], message: 'FINSAM insatser are for ages 16–67' },
    ]);
  });

  it('reads a stored insats as the rules see it', () => {
    const stored = { ...valid(), id: 'x', tenantId: 'y', endDate: undefined, closedReason: null } as unknown;
    expect(interventionData(stored as Intervention)).toEqual(valid({ endDate: null }));
  });
});

describe('running and closing', () => {
  const insats = { startDate: '2026-01-01', endDate: '2026-12-31' };

  it('runs from its start to its end date, both included; without an end it runs on', () => {
    expect(isActive(insats, '2025-12-31')).toBe(false);
    expect(isActive(insats, '2026-01-01')).toBe(true);
    expect(isActive(insats, '2026-12-31')).toBe(true);
    expect(isActive(insats, '2027-01-01')).toBe(false);
    expect(isActive({ startDate: '2026-01-01', endDate: null }, '2099-01-01')).toBe(true);
  });

  it('closes on a date with a reason, trimmed', () => {
    expect(closing(insats, '2026-06-30', ' Medlen tog slut ')).toEqual({
      endDate: '2026-06-30',
      closedReason: 'Medlen tog slut',
    });
  });

  it('refuses an end before the start, then a missing reason', () => {
    expect(issuesOf(() => closing(insats, '2025-12-31', ''))).toEqual([
      { path: ['endDate'], message: 'The end date is before the start date' },
    ]);
    expect(issuesOf(() => closing(insats, '2026-06-30', ' x '))).toEqual([
      { path: ['reason'], message: 'Say why the insats ends' },
    ]);
  });

  it('ends the staff positions still open with it; earlier ends stay', () => {
    expect(positionEndOnClose(null, '2026-06-30')).toBe('2026-06-30');
    expect(positionEndOnClose('2026-12-31', '2026-06-30')).toBe('2026-06-30');
    expect(positionEndOnClose('2026-03-31', '2026-06-30')).toBe('2026-03-31');
  });
});
