/**
 * Registerutdrag (GDPR art. 15): what the förbund holds about one person, as a readable document.
 * The rules here turn records into sections of labelled entries — one section per record, an entry
 * per field that holds a value, the label in Swedish as the person reads it — so the JSON through the
 * graph and the printable page show the same thing, and nothing is left out by a forgotten field:
 * `PARTICIPATION_LABELS` names every field of a participation (a test checks it against the entity).
 */
import type { FollowUp } from '../entities/FollowUp.js';
import type { ActionPlan, Participation } from '../entities/Participation.js';
import type { Screening } from '../entities/Screening.js';

export const SECTION_KINDS = ['PARTICIPATION', 'ACTION_PLAN', 'FOLLOW_UP', 'SCREENING', 'AUDIT'] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

export interface ExtractEntry {
  /** The field's name in the records (for machines). */
  field: string;
  /** What it is, in Swedish (for the person). */
  label: string;
  value: string;
}

export interface ExtractSection {
  kind: SectionKind;
  /** The record the section shows. */
  recordId: string;
  title: string;
  entries: ExtractEntry[];
}

type ParticipationField = Exclude<keyof Participation, 'id' | 'tenantId' | symbol>;

/**
 * Every field of a participation, with its label; null for those shown in their own sections (the
 * person's identity heads the document; plans, follow-ups and screenings have sections) or that are
 * the platform's own bookkeeping.
 */
export const PARTICIPATION_LABELS: Record<ParticipationField, string | null> = {
  person: null,
  interventionId: 'Insats (id)',
  status: 'Status',
  kon: 'Kön',
  startYear: 'Startår',
  birthYear: 'Födelseår',
  ageAtReferral: 'Ålder vid remiss',
  hemkommun: 'Hemkommun (SCB-kod)',
  referredOn: 'Remissdatum',
  referrerUnit: 'Remitterande enhet',
  referringMemberId: 'Remitterande medlem (id)',
  needsTwoMembers: 'Samordnade behov från minst två parter',
  motivated: 'Motiverad',
  exclusionGrounds: 'Uteslutningsgrunder',
  studyVisit: 'Studiebesök',
  decisionReason: 'Motivering till beslut',
  decidedOn: 'Beslutsdatum',
  consentGivenOn: 'Samtycke givet',
  consentWithdrawnOn: 'Samtycke återkallat',
  enrolledOn: 'Inskrivningsdatum',
  plannedEnd: 'Planerat slut',
  educationLevel: 'Utbildningsnivå',
  supportBefore: 'Försörjning före',
  yearsInSupport: 'År med offentlig försörjning',
  extensionDecisionId: 'Beslut om förlängning (id)',
  exitedOn: 'Avslutsdatum',
  outcomes: 'Avslutsorsaker',
  supportAfter: 'Försörjning efter',
  finalDocumentationSentOn: 'Slutdokumentation skickad',
  level6Months: 'Nivå 6 månader efter avslut',
  level18Months: 'Nivå 18 månader efter avslut',
  actionPlan: null,
  followUps: null,
  screenings: null,
  culledOn: 'Gallrad',
  carriedOverTo: 'Överförd vid sammanslagning till (id)',
  sourceRef: 'Referens i systemet den importerades från',
};

/** A stored value as text: lists joined, yes/no in Swedish; null and empty lists are not shown. */
export function shown(value: unknown): string | null {
  if (value === null || value === undefined) {
    return null;
  }
  if (Array.isArray(value)) {
    return value.length ? value.map(String).join(', ') : null;
  }
  if (typeof value === 'boolean') {
    return value ? 'ja' : 'nej';
  }
  if (value instanceof Date) {
    return value.toISOString();
  }
  return String(value);
}

function entries(rows: [field: string, label: string, value: unknown][]): ExtractEntry[] {
  return rows.flatMap(([field, label, value]) => {
    const text = shown(value);
    return text === null ? [] : [{ field, label, value: text }];
  });
}

export function participationSection(p: Omit<Participation, 'followUps' | 'screenings' | 'person'>): ExtractSection {
  const fields = Object.entries(PARTICIPATION_LABELS).flatMap(([field, label]) =>
    label === null
      ? []
      : [[field, label, (p as unknown as Record<string, unknown>)[field]] as [string, string, unknown]],
  );
  return { kind: 'PARTICIPATION', recordId: p.id, title: 'Deltagande', entries: entries(fields) };
}

export function actionPlanSection(participationId: string, plan: ActionPlan): ExtractSection {
  return {
    kind: 'ACTION_PLAN',
    recordId: participationId,
    title: plan.sip ? 'Handlingsplan (SIP)' : 'Handlingsplan',
    entries: entries([
      ['agreedOn', 'Upprättad', plan.agreedOn],
      ['sip', 'SIP', plan.sip],
      ['goals', 'Mål', plan.goals],
      ['responsibilities', 'Vem gör vad', plan.responsibilities.map((r) => `${r.party}: ${r.task}`)],
    ]),
  };
}

export function followUpSection(f: Pick<FollowUp, 'id' | 'date' | 'referrerPresent' | 'decision'>): ExtractSection {
  return {
    kind: 'FOLLOW_UP',
    recordId: f.id,
    title: 'Uppföljning',
    entries: entries([
      ['date', 'Datum', f.date],
      ['referrerPresent', 'Remittenten deltog', f.referrerPresent],
      ['decision', 'Beslut', f.decision],
    ]),
  };
}

export function screeningSection(
  s: Pick<Screening, 'id' | 'kind' | 'date' | 'answered' | 'supportOffered' | 'score'>,
): ExtractSection {
  return {
    kind: 'SCREENING',
    recordId: s.id,
    title: 'Screening',
    entries: entries([
      ['kind', 'Slag', s.kind],
      ['date', 'Datum', s.date],
      ['answered', 'Besvarad', s.answered],
      ['supportOffered', 'Stöd erbjudet', s.supportOffered],
      ['score', 'Poäng', s.score],
    ]),
  };
}

/** One audited read of the person's identity: who read what, when and why. */
export interface AuditRead {
  id: string;
  at: Date;
  userId: string;
  fields: string[];
  reason?: string | null;
}

export function auditSection(a: AuditRead): ExtractSection {
  return {
    kind: 'AUDIT',
    recordId: a.id,
    title: 'Läsning av identitetsuppgifter (logg)',
    entries: entries([
      ['at', 'Tidpunkt', a.at],
      ['userId', 'Användare', a.userId],
      ['fields', 'Uppgifter', a.fields],
      ['reason', 'Skäl', a.reason],
    ]),
  };
}
