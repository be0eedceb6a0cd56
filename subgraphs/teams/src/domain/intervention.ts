/**
 * An insats (intervention) under FINSAM and Uppföljning Finsam: what a valid one is, what may
 * change once it is registered, and what closing it does. Plain functions over plain data; the
 * schema (`schema/Intervention.ts`) loads, asks governance for the förbund's members, and stores.
 */
import { ValidationError, type ValidationIssue } from '@finsam/kit/errors.js';
import { parseInput, withoutNulls } from '@finsam/kit/validation.js';
import { z } from 'zod';
import type { Intervention } from '../entities/Intervention.js';

export const INTERVENTION_KINDS = ['INDIVIDUAL', 'STRUCTURAL'] as const;
export const INTERVENTION_FORMS = ['UNTIL_FURTHER_NOTICE', 'PROJECT'] as const;
export const METHODS = [
  'SOLUTION_FOCUSED',
  'SUPPORTED_EMPLOYMENT',
  'CASE_MANAGEMENT',
  'SJU_TJUGO',
  'BIP',
  'OTHER',
] as const;

/** FINSAM insatser are for ages 16–64; since 2024 up to 67. A new insats is for 16–64 unless it says otherwise. */
/**
 * Who accepts or rejects a referral, as the insatsbeskrivning gives it. The Västmanland
 * insatsbeskrivningar (2018/2021 and 2024): "Mandatet att avvisa remiss ligger hos
 * verksamhetsledaren" — the default. Säter's insatsplan (2018): "Insatsens personal tillsammans med
 * remitterande handläggare avgör vilka som tas in" — the team (TEAM), under the insats' mandate.
 */
export const REFERRAL_DECIDERS = ['VERKSAMHETSLEDARE', 'TEAM'] as const;
export const DEFAULT_REFERRAL_DECIDER = 'VERKSAMHETSLEDARE' satisfies (typeof REFERRAL_DECIDERS)[number];

export const TARGET_AGE = { min: 16, max: 67, defaultMax: 64 } as const;
const AGES_MESSAGE = `FINSAM insatser are for ages ${TARGET_AGE.min}–${TARGET_AGE.max}`;

const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date is YYYY-MM-DD');
const KOMMUN = z.string().regex(/^\d{4}$/, 'A kommun is its 4-digit SCB code');

const fields = {
  name: z.string().trim().min(2, 'Name is required').max(200),
  form: z.enum(INTERVENTION_FORMS),
  ownerMemberIds: z.array(z.uuid('Not a member id')).min(2, 'An insats has at least two owners'),
  bookkeepingMemberId: z.uuid('Not a member id'),
  startDate: DATE,
  endDate: DATE.nullish(),
  noticeMonths: z.number().int().min(0).max(24).nullish(),
  kommunCodes: z.array(KOMMUN),
  targetAgeMin: z.number().int().min(TARGET_AGE.min, AGES_MESSAGE).max(TARGET_AGE.max),
  targetAgeMax: z.number().int().min(TARGET_AGE.min).max(TARGET_AGE.max, AGES_MESSAGE),
  priorityGroups: z.array(z.string().trim().min(1).max(200)),
  maxEnrolled: z.number().int().positive().nullish(),
  yearlyPlaces: z.number().int().positive().nullish(),
  methods: z.array(z.enum(METHODS)),
  attendeeTargetPerYear: z.number().int().positive().nullish(),
  referralDecidedBy: z.enum(REFERRAL_DECIDERS).optional(),
};

/** Fixed at creation (Uppföljning Finsam): kind (inriktning), follow-up method, ESF funding. */
const fixed = {
  kind: z.enum(INTERVENTION_KINDS),
  followUpMethod: z.string().trim().min(2, 'Follow-up method is required').max(500),
  esfFunded: z.boolean(),
};
export const FIXED_AT_CREATION = Object.keys(fixed) as (keyof typeof fixed)[];

const createSchema = z.object({ ...fields, ...fixed });
const updateSchema = createSchema.partial();

/** An insats as the rules see it: every field a client writes. */
export type InterventionData = z.infer<typeof createSchema>;

/** A new insats from its input, with defaults (ages 16–64, no priority groups or methods); or a ValidationError. */
export function parseNewIntervention(input: object): InterventionData {
  return parseInput(createSchema, {
    targetAgeMin: TARGET_AGE.min,
    targetAgeMax: TARGET_AGE.defaultMax,
    priorityGroups: [],
    methods: [],
    ...withoutNulls(input),
  });
}

/** The fields an update gives (a null leaves a field as it is); or a ValidationError. */
export function parseInterventionChange(input: object): Partial<InterventionData> {
  return parseInput(updateSchema, withoutNulls(input));
}

/** Rules that span fields; run on the insats as it will be after the change. */
export function crossFieldIssues(d: InterventionData): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const at = (field: string, message: string) => issues.push({ path: ['input', field], message });
  if (new Set(d.ownerMemberIds).size !== d.ownerMemberIds.length) {
    at('ownerMemberIds', 'An owner is listed twice');
  }
  if (!d.ownerMemberIds.includes(d.bookkeepingMemberId)) {
    at('bookkeepingMemberId', 'The bookkeeping member must be one of the owners');
  }
  if (d.form === 'PROJECT' && !d.endDate) {
    at('endDate', 'A project has an end date');
  }
  if (d.endDate && d.endDate < d.startDate) {
    at('endDate', 'The end date is before the start date');
  }
  if (d.targetAgeMax < d.targetAgeMin) {
    at('targetAgeMax', 'The age range is empty');
  }
  if (new Set(d.kommunCodes).size !== d.kommunCodes.length) {
    at('kommunCodes', 'A kommun is listed twice');
  }
  if (d.kind === 'INDIVIDUAL' && d.maxEnrolled == null && d.yearlyPlaces == null) {
    at('maxEnrolled', 'An individinriktad insats states its capacity: max enrolled and/or årsplatser');
  }
  if (d.kind === 'INDIVIDUAL' && d.attendeeTargetPerYear != null) {
    at('attendeeTargetPerYear', 'Only a strukturövergripande insats counts attendees');
  }
  return issues;
}

/** A member of the caller's förbund, as governance describes it (`DirectoryMember` fits). */
export interface ForbundMember {
  id: string;
  kind: string;
  /** A kommun's SCB code. */
  scbCode: string | null;
}

/** Owners must be members of the caller's förbund, and the kommuner covered a subset of its kommuner. */
export function membershipIssues(
  d: Pick<InterventionData, 'ownerMemberIds' | 'kommunCodes'>,
  members: readonly ForbundMember[],
): ValidationIssue[] {
  const ids = new Set(members.map((m) => m.id));
  const kommuner = new Set(members.filter((m) => m.kind === 'KOMMUN').map((m) => m.scbCode));
  const issues: ValidationIssue[] = [];
  d.ownerMemberIds.forEach((id, i) => {
    if (!ids.has(id)) {
      issues.push({ path: ['input', 'ownerMemberIds', i], message: `${id} is not a member of your förbund` });
    }
  });
  d.kommunCodes.forEach((code, i) => {
    if (!kommuner.has(code)) {
      issues.push({ path: ['input', 'kommunCodes', i], message: `Kommun ${code} is not a member of your förbund` });
    }
  });
  return issues;
}

/** Every rule on a whole insats; throws a ValidationError with all issues found. */
export function checkIntervention(d: InterventionData, members: readonly ForbundMember[]): void {
  const issues = [...crossFieldIssues(d), ...membershipIssues(d, members)];
  if (issues.length) {
    throw new ValidationError(issues);
  }
}

/** An update may repeat a fixed field's value, never change it. */
export function fixedFieldIssues(current: InterventionData, change: Partial<InterventionData>): ValidationIssue[] {
  return FIXED_AT_CREATION.filter((key) => change[key] !== undefined && change[key] !== current[key]).map((key) => ({
    path: ['input', key],
    message: `${key} is fixed when the insats is created (Uppföljning Finsam); register a new insats instead`,
  }));
}

/** The insats as it will be after `change`: refused if a fixed field changes; the whole is checked after. */
export function changedIntervention(current: InterventionData, change: Partial<InterventionData>): InterventionData {
  const issues = fixedFieldIssues(current, change);
  if (issues.length) {
    throw new ValidationError(issues);
  }
  return { ...current, ...change };
}

/** A stored insats as the rules see it. */
export function interventionData(i: Intervention): InterventionData {
  return {
    name: i.name,
    form: i.form,
    ownerMemberIds: i.ownerMemberIds,
    bookkeepingMemberId: i.bookkeepingMemberId,
    startDate: i.startDate,
    endDate: i.endDate ?? null,
    noticeMonths: i.noticeMonths,
    kommunCodes: i.kommunCodes,
    targetAgeMin: i.targetAgeMin,
    targetAgeMax: i.targetAgeMax,
    priorityGroups: i.priorityGroups,
    maxEnrolled: i.maxEnrolled,
    yearlyPlaces: i.yearlyPlaces,
    methods: i.methods as InterventionData['methods'],
    attendeeTargetPerYear: i.attendeeTargetPerYear,
    referralDecidedBy: i.referralDecidedBy,
    kind: i.kind,
    followUpMethod: i.followUpMethod,
    esfFunded: i.esfFunded,
  };
}

/** Whether the insats runs on the date: start ≤ date ≤ end (no end: still running). */
export function isActive(i: { startDate: string; endDate?: string | null }, date: string): boolean {
  return i.startDate <= date && (i.endDate == null || i.endDate >= date);
}

/** Closing an insats: an end date not before its start, and a reason (trimmed). */
export function closing(
  i: { startDate: string },
  endDate: string,
  reason: string,
): { endDate: string; closedReason: string } {
  if (endDate < i.startDate) {
    throw new ValidationError([{ path: ['endDate'], message: 'The end date is before the start date' }]);
  }
  if (reason.trim().length < 2) {
    throw new ValidationError([{ path: ['reason'], message: 'Say why the insats ends' }]);
  }
  return { endDate, closedReason: reason.trim() };
}

/** A staff position still open on the end date ends with the insats; one that ended before keeps its date. */
export function positionEndOnClose(toDate: string | null | undefined, endDate: string): string {
  return !toDate || toDate > endDate ? endDate : toDate;
}
