import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';
import { FollowUp } from './FollowUp.js';
import { Person } from './Person.js';
import { Screening } from './Screening.js';

export const STATUSES = ['REFERRED', 'ACCEPTED', 'REJECTED', 'ENROLLED', 'EXITED'] as const;
export const KON = ['KVINNA', 'MAN', 'UNKNOWN'] as const;
export const REFERRER_UNITS = [
  'FORSAKRINGSKASSAN',
  'ARBETSFORMEDLINGEN',
  'KOMMUN_FORSORJNINGSSTOD',
  'KOMMUN_KAA',
  'KOMMUN_IFO',
  'KOMMUN_LSS',
  'KOMMUN_OTHER',
  'REGION',
] as const;
export const EXCLUSION_GROUNDS = ['SUBSTANCE_ABUSE', 'KNOWN_THREAT', 'DEPRIVATION_OF_LIBERTY', 'TOO_ILL'] as const;
export const STUDY_VISIT = ['NOT_OFFERED', 'OFFERED', 'DONE'] as const;
export const EDUCATION = ['GRUNDSKOLA_EJ_AVSLUTAD', 'GRUNDSKOLA', 'GYMNASIUM', 'EFTERGYMNASIAL', 'OKAND'] as const;
export const SUPPORT_SOURCES = [
  'LON',
  'STUDIEMEDEL',
  'A_KASSA_AKTIVITETSSTOD',
  'SJUKPENNING',
  'AKTIVITETSERSATTNING',
  'SJUKERSATTNING',
  'FORSORJNINGSSTOD',
  'INGEN_OFFENTLIG_FORSORJNING',
  'OTHER',
] as const;
export const OUTCOMES = [
  'ARBETE_UTAN_STOD',
  'ARBETE_MED_STOD',
  'STUDIER',
  'AKTIVT_ARBETSSOKANDE',
  'FORTSATT_REHABILITERING',
  'MEDICINSK_REHABILITERING',
  'AVBROTT',
  'OVRIGT',
] as const;
export const LEVELS = ['HIGHER', 'SAME', 'LOWER'] as const;

/** Handlingsplan, often a SIP: the goals and who does what. */
export interface ActionPlan {
  agreedOn: string;
  sip: boolean;
  goals: string[];
  responsibilities: { party: string; task: string }[];
}

/**
 * One person's way through one insats: referral, decision, enrolment, follow-ups, exit.
 * Without consent it is anonymous: only kön, start year and the insats are kept.
 */
const ParticipationSchema = defineEntity({
  name: 'Participation',
  tableName: 'participation',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    interventionId: p.uuid(),
    person: () => p.manyToOne(Person).ref().nullable(),
    status: p.enum(STATUSES),
    kon: p.enum(KON),
    startYear: p.integer(),
    birthYear: p.integer().nullable(),
    ageAtReferral: p.integer().nullable(),
    hemkommun: p.string().nullable(),
    referredOn: p.date(),
    referrerUnit: p.enum(REFERRER_UNITS),
    /** The member (part) whose unit referred; governance owns members. */
    referringMemberId: p.uuid().nullable(),
    needsTwoMembers: p.boolean(),
    motivated: p.boolean(),
    exclusionGrounds: p.array(),
    studyVisit: p.enum(STUDY_VISIT),
    decisionReason: p.string().nullable(),
    decidedOn: p.date().nullable(),
    consentGivenOn: p.date().nullable(),
    consentWithdrawnOn: p.date().nullable(),
    enrolledOn: p.date().nullable(),
    plannedEnd: p.date().nullable(),
    educationLevel: p.enum(EDUCATION).nullable(),
    supportBefore: p.array().nullable(),
    yearsInSupport: p.integer().nullable(),
    extensionDecisionId: p.uuid().nullable(),
    exitedOn: p.date().nullable(),
    outcomes: p.array(),
    supportAfter: p.array().nullable(),
    finalDocumentationSentOn: p.date().nullable(),
    level6Months: p.enum(LEVELS).nullable().fieldName('level_6_months'),
    level18Months: p.enum(LEVELS).nullable().fieldName('level_18_months'),
    actionPlan: p.json<ActionPlan>().nullable(),
    /** The day gallring anonymised it (domain/gallring.ts); null while it is whole. */
    culledOn: p.date().nullable(),
    /** The participation of a merged förbund that carries this one on (domain/merger.ts); the original stays. */
    carriedOverTo: p.uuid().nullable(),
    /** The record's reference in the system it was imported from (domain/import.ts); null when entered here. */
    sourceRef: p.string().nullable(),
    followUps: () => p.oneToMany(FollowUp).mappedBy('participation').orderBy({ date: 'asc', id: 'asc' }),
    screenings: () => p.oneToMany(Screening).mappedBy('participation').orderBy({ date: 'asc', id: 'asc' }),
  },
  filters: tenantFilters,
});

export class Participation extends ParticipationSchema.class {}
ParticipationSchema.setClass(Participation);
