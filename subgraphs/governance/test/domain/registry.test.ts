/** The förbund registry rules: FINSAM's members and the kommuner's shares, and the organisationsnummer. */
import {
  formatBasisPoints,
  type MemberDraft,
  memberIssues,
  normaliseOrganisationNumber,
  organisationNumberIssue,
} from '../../src/domain/registry.js';

/** Västerås-like: FK, AF, Region Västmanland (19) and one kommun with the whole kommun quarter. */
const valid = (): MemberDraft[] => [
  { kind: 'FORSAKRINGSKASSAN' },
  { kind: 'ARBETSFORMEDLINGEN' },
  { kind: 'REGION', scbCode: '19' },
  { kind: 'KOMMUN', scbCode: '1980', shareBasisPoints: 2500 },
];
const messages = (members: MemberDraft[]) => memberIssues(members).map((i) => i.message);

describe('who the members are', () => {
  it('accepts one FK, one AF, one region and kommuner sharing 25 %', () => {
    expect(memberIssues(valid())).toEqual([]);
    const two = valid().slice(0, 3);
    two.push({ kind: 'KOMMUN', scbCode: '1961', shareBasisPoints: 1100 });
    two.push({ kind: 'KOMMUN', scbCode: '1982', shareBasisPoints: 1400 });
    expect(memberIssues(two)).toEqual([]);
  });

  it.each([
    ['FORSAKRINGSKASSAN', 'Försäkringskassan'],
    ['ARBETSFORMEDLINGEN', 'Arbetsförmedlingen'],
  ] as const)('refuses a förbund without %s, or with two', (kind, label) => {
    expect(messages(valid().filter((m) => m.kind !== kind))).toEqual([
      `A förbund has exactly one ${label} member (found 0)`,
    ]);
    expect(messages([...valid(), { kind }])).toEqual([`A förbund has exactly one ${label} member (found 2)`]);
  });

  it('refuses a förbund without its region', () => {
    expect(memberIssues(valid().filter((m) => m.kind !== 'REGION'))).toEqual([
      { path: [], message: 'A förbund has exactly one region member (found 0)' },
    ]);
  });

  it('refuses a förbund without a kommun', () => {
    expect(memberIssues(valid().filter((m) => m.kind !== 'KOMMUN'))).toEqual([
      { path: [], message: 'A förbund has at least one kommun member' },
    ]);
  });
});

describe('SCB codes', () => {
  it('refuses a kommun without a 4-digit kommunkod of a real län', () => {
    for (const scbCode of [null, '198', '0280', 'abcd']) {
      const members = valid();
      members[3] = { ...members[3]!, scbCode };
      expect(memberIssues(members)).toEqual([
        { path: [3, 'scbCode'], message: 'A kommun needs its 4-digit SCB kommunkod, e.g. 1980' },
      ]);
    }
  });

  it('refuses a kommun listed twice', () => {
    const members = valid();
    members[3] = { ...members[3]!, shareBasisPoints: 1000 };
    members.push({ kind: 'KOMMUN', scbCode: '1980', shareBasisPoints: 1500 });
    expect(memberIssues(members)).toEqual([{ path: [4, 'scbCode'], message: 'Kommun 1980 is listed twice' }]);
  });

  it('refuses a kommun outside the region’s län', () => {
    const members = valid();
    members[3] = { ...members[3]!, scbCode: '2080' };
    expect(memberIssues(members)).toEqual([
      { path: [3, 'scbCode'], message: "Kommun 2080 is not in the region's län 19" },
    ]);
  });

  it('refuses a region without a länskod, and then its kommuner are not in its län either', () => {
    const members = valid();
    members[2] = { kind: 'REGION', scbCode: null };
    expect(memberIssues(members)).toEqual([
      { path: [2, 'scbCode'], message: 'A region needs its 2-digit SCB länskod, e.g. 19' },
    ]);
    members[2] = { kind: 'REGION', scbCode: '02' };
    expect(memberIssues(members)).toEqual([
      { path: [2, 'scbCode'], message: 'A region needs its 2-digit SCB länskod, e.g. 19' },
      { path: [3, 'scbCode'], message: "Kommun 1980 is not in the region's län 02" },
    ]);
  });

  it('refuses an SCB code on Försäkringskassan or Arbetsförmedlingen', () => {
    const members = valid();
    members[1] = { kind: 'ARBETSFORMEDLINGEN', scbCode: '19' };
    expect(memberIssues(members)).toEqual([
      { path: [1, 'scbCode'], message: 'Försäkringskassan and Arbetsförmedlingen have no SCB code' },
    ]);
  });
});

describe('the kommuner’s shares', () => {
  const SHARE = 'A kommun needs a share between 0.01 % and 25 % (in basis points, 1–2500)';

  it.each([null, 0])('refuses a kommun share of %p', (shareBasisPoints) => {
    const members = valid();
    members[3] = { ...members[3]!, shareBasisPoints };
    expect(memberIssues(members)).toEqual([{ path: [3, 'shareBasisPoints'], message: SHARE }]);
  });

  it('refuses a kommun share over 25 %, and counts none of it towards the sum', () => {
    const members = valid();
    members[3] = { ...members[3]!, shareBasisPoints: 2501 };
    expect(memberIssues(members)).toEqual([
      { path: [3, 'shareBasisPoints'], message: SHARE },
      { path: [], message: "The kommuner's shares sum to 0.00 %; together they must be 25.00 %" },
    ]);
  });

  it('refuses shares on the state agencies and the region: the law sets theirs', () => {
    const members = valid();
    members[2] = { ...members[2]!, shareBasisPoints: 2500 };
    expect(memberIssues(members)).toEqual([
      {
        path: [2, 'shareBasisPoints'],
        message: 'Only kommuner have an agreed share; the state (50 %) and the region (25 %) are set by law',
      },
    ]);
  });

  it('refuses kommun shares that do not sum to 25.00 %', () => {
    const members = valid();
    members[3] = { ...members[3]!, shareBasisPoints: 1100 };
    members.push({ kind: 'KOMMUN', scbCode: '1961', shareBasisPoints: 1305 });
    expect(memberIssues(members)).toEqual([
      { path: [], message: "The kommuner's shares sum to 24.05 %; together they must be 25.00 %" },
    ]);
  });

  it('says nothing of the sum while a kommun lacks a share (that kommun is the issue)', () => {
    const members = valid();
    members.push({ kind: 'KOMMUN', scbCode: '1961' });
    expect(messages(members)).toEqual([SHARE]);
  });

  it('shows basis points as an exact percentage', () => {
    expect(formatBasisPoints(1100)).toBe('11.00');
    expect(formatBasisPoints(2405)).toBe('24.05');
    expect(formatBasisPoints(7)).toBe('0.07');
  });
});

describe('organisationsnummer', () => {
  it('accepts 10 digits with a matching Luhn check digit, with or without the dash', () => {
    expect(organisationNumberIssue('222000-0018')).toBeNull();
    expect(organisationNumberIssue('2220000018')).toBeNull();
    expect(normaliseOrganisationNumber('2220000018')).toBe('222000-0018');
  });

  it('refuses anything but 10 digits', () => {
    for (const value of ['22200-0018', '222000-00185', '222000–0018', 'abcdef-ghij']) {
      expect(organisationNumberIssue(value)).toBe('Organisationsnummer is 10 digits, NNNNNN-NNNN');
    }
  });

  it('refuses a wrong check digit', () => {
    expect(organisationNumberIssue('222000-0019')).toBe('Organisationsnummer check digit does not match');
  });
});
