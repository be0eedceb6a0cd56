/**
 * The förbund registry's rules (lagen om finansiell samordning, 2003:1210): a förbund has exactly
 * one Försäkringskassan, one Arbetsförmedlingen and one region member and at least one kommun;
 * the kommuner split their quarter of the budget by agreed shares; an organisationsnummer carries
 * a Luhn check digit.
 */
import type { ValidationIssue } from '@finsam/kit/errors.js';
import type { MemberKind } from '../entities/Member.js';

/** A member as the registry input gives it. */
export interface MemberDraft {
  kind: MemberKind;
  scbCode?: string | null;
  shareBasisPoints?: number | null;
}

/** SCB länskoder in use since 2007. */
export const LAN_CODES: readonly string[] = [
  '01',
  '03',
  '04',
  '05',
  '06',
  '07',
  '08',
  '09',
  '10',
  '12',
  '13',
  '14',
  '17',
  '18',
  '19',
  '20',
  '21',
  '22',
  '23',
  '24',
  '25',
];

/** The kommun quarter of a FINSAM budget, in basis points. */
export const KOMMUN_QUARTER_BP = 2500;

/** Basis points as an exact decimal percentage: 1100 → "11.00". */
export function formatBasisPoints(bp: number): string {
  return `${Math.trunc(bp / 100)}.${String(bp % 100).padStart(2, '0')}`;
}

const ONE_EACH = [
  ['FORSAKRINGSKASSAN', 'Försäkringskassan'],
  ['ARBETSFORMEDLINGEN', 'Arbetsförmedlingen'],
  ['REGION', 'region'],
] as const;

const isKommunCode = (code: string | null | undefined): code is string =>
  !!code && /^\d{4}$/.test(code) && LAN_CODES.includes(code.slice(0, 2));

const hasShare = (m: MemberDraft) =>
  m.shareBasisPoints != null && m.shareBasisPoints > 0 && m.shareBasisPoints <= KOMMUN_QUARTER_BP;

/**
 * What is wrong with a förbund's member list. Paths are relative to the list: `[]` for the list
 * as a whole, `[i, 'scbCode']` for one member (the input schema puts `input.members` before them).
 */
export function memberIssues(members: readonly MemberDraft[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const count = (kind: MemberKind) => members.filter((m) => m.kind === kind).length;
  for (const [kind, label] of ONE_EACH) {
    if (count(kind) !== 1) {
      issues.push({ path: [], message: `A förbund has exactly one ${label} member (found ${count(kind)})` });
    }
  }
  if (count('KOMMUN') === 0) {
    issues.push({ path: [], message: 'A förbund has at least one kommun member' });
  }
  const region = members.find((m) => m.kind === 'REGION');
  const seen = new Set<string>();
  members.forEach((m, i) => {
    if (m.kind === 'KOMMUN') {
      issues.push(...kommunIssues(m, i, seen, region?.scbCode ?? null));
    } else {
      issues.push(...otherMemberIssues(m, i));
    }
  });
  const kommuner = members.filter((m) => m.kind === 'KOMMUN');
  // The sum is only worth a message when every kommun has a share of its own.
  const allSharesGiven = kommuner.every((m) => m.shareBasisPoints != null && m.shareBasisPoints > 0);
  const kommunShare = kommuner.filter(hasShare).reduce((sum, m) => sum + m.shareBasisPoints!, 0);
  if (kommuner.length > 0 && allSharesGiven && kommunShare !== KOMMUN_QUARTER_BP) {
    issues.push({
      path: [],
      message: `The kommuner's shares sum to ${formatBasisPoints(kommunShare)} %; together they must be 25.00 %`,
    });
  }
  return issues;
}

/** A kommun: its kommunkod, once, in the region's län, and a share of the kommun quarter. */
function kommunIssues(m: MemberDraft, i: number, seen: Set<string>, regionCode: string | null): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!isKommunCode(m.scbCode)) {
    issues.push({ path: [i, 'scbCode'], message: 'A kommun needs its 4-digit SCB kommunkod, e.g. 1980' });
  } else {
    if (seen.has(m.scbCode)) {
      issues.push({ path: [i, 'scbCode'], message: `Kommun ${m.scbCode} is listed twice` });
    }
    seen.add(m.scbCode);
    if (regionCode && m.scbCode.slice(0, 2) !== regionCode) {
      issues.push({
        path: [i, 'scbCode'],
        message: `Kommun ${m.scbCode} is not in the region's län ${regionCode}`,
      });
    }
  }
  if (!hasShare(m)) {
    issues.push({
      path: [i, 'shareBasisPoints'],
      message: 'A kommun needs a share between 0.01 % and 25 % (in basis points, 1–2500)',
    });
  }
  return issues;
}

/** The state agencies and the region: no agreed share; a region has its länskod, the agencies no code. */
function otherMemberIssues(m: MemberDraft, i: number): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (m.shareBasisPoints != null) {
    issues.push({
      path: [i, 'shareBasisPoints'],
      message: 'Only kommuner have an agreed share; the state (50 %) and the region (25 %) are set by law',
    });
  }
  if (m.kind === 'REGION') {
    if (!m.scbCode || !LAN_CODES.includes(m.scbCode)) {
      issues.push({ path: [i, 'scbCode'], message: 'A region needs its 2-digit SCB länskod, e.g. 19' });
    }
  } else if (m.scbCode) {
    issues.push({ path: [i, 'scbCode'], message: 'Försäkringskassan and Arbetsförmedlingen have no SCB code' });
  }
  return issues;
}

/** Organisationsnummer: 10 digits (NNNNNN-NNNN, the dash optional), the last a Luhn check digit. */
const ORGANISATION_NUMBER = /^\d{6}-?\d{4}$/;

/** What is wrong with an organisationsnummer (one message per problem), or null. */
export function organisationNumberIssue(value: string): string | null {
  if (!ORGANISATION_NUMBER.test(value)) {
    return 'Organisationsnummer is 10 digits, NNNNNN-NNNN';
  }
  return luhnValid(value.replace('-', '')) ? null : 'Organisationsnummer check digit does not match';
}

/** A valid organisationsnummer in its one stored form, NNNNNN-NNNN. */
export function normaliseOrganisationNumber(value: string): string {
  const digits = value.replace('-', '');
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
