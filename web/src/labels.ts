/** Swedish names of the graph's enum values, as people in a förbund say them. */

export const ROLE: Record<string, string> = {
  PLATFORM_ADMIN: 'Plattformsadministratör',
  FORBUND_ADMIN: 'Förbundsadministratör',
  VERKSAMHETSLEDARE: 'Verksamhetsledare',
  STAFF: 'Personal',
  BOARD: 'Styrelseledamot',
  STEERING: 'Styrgruppsledamot',
  STYRGRUPP: 'Styrgruppsledamot',
  COUNTY_ANALYST: 'Länsanalytiker',
};

export const INVITATION_STATUS: Record<string, string> = {
  OPEN: 'Väntar',
  CLAIMED: 'Hämtad',
  EXPIRED: 'Utgången',
};

export const REQUISITION_STATUS: Record<string, string> = {
  SUBMITTED: 'Inskickad',
  APPROVED: 'Godkänd',
  REJECTED: 'Avslagen',
  PAID: 'Utbetald',
};

/** Kostnadsslag of a rekvisition. */
export const COST_CATEGORY: Record<string, string> = {
  PERSONNEL: 'Personal',
  PREMISES: 'Lokaler',
  SUPERVISION_AND_TRAINING: 'Handledning och utbildning',
  PLANNING_DAYS: 'Planeringsdagar',
  MATERIAL: 'Material',
  IT_AND_PHONE: 'IT och telefon',
  TRAVEL: 'Resor',
  PARTICIPANT_ACTIVITIES: 'Deltagaraktiviteter',
  FURNITURE: 'Möbler',
  OTHER: 'Övrigt',
};

export const SEAT_ROLE: Record<string, string> = {
  ORDINARIE: 'ordinarie',
  ERSATTARE: 'ersättare',
  ADJUNGERAD: 'adjungerad',
  FOREDRAGANDE: 'föredragande',
};

export const OUTCOME: Record<string, string> = {
  ARBETE_UTAN_STOD: 'Arbete utan stöd',
  ARBETE_MED_STOD: 'Arbete med stöd',
  STUDIER: 'Studier',
  AKTIVT_ARBETSSOKANDE: 'Aktivt arbetssökande',
  FORTSATT_REHABILITERING: 'Fortsatt rehabilitering',
  MEDICINSK_REHABILITERING: 'Medicinsk rehabilitering',
  AVBROTT: 'Avbrott',
  OVRIGT: 'Övrigt',
};

export const REFERRER_UNIT: Record<string, string> = {
  FORSAKRINGSKASSAN: 'Försäkringskassan',
  ARBETSFORMEDLINGEN: 'Arbetsförmedlingen',
  KOMMUN_FORSORJNINGSSTOD: 'Kommunen, försörjningsstöd',
  KOMMUN_KAA: 'Kommunen, KAA (kommunala aktivitetsansvaret)',
  KOMMUN_IFO: 'Kommunen, individ- och familjeomsorgen',
  KOMMUN_LSS: 'Kommunen, LSS',
  KOMMUN_OTHER: 'Kommunen, annan enhet',
  REGION: 'Regionen (hälso- och sjukvården)',
};

export const BODY_KIND: Record<string, string> = {
  BOARD: 'Förbundsstyrelse',
  PREPARATORY_GROUP: 'Beredningsgrupp',
  MEMBER_COUNCIL: 'Medlemssamråd',
  STEERING_GROUP: 'Styrgrupp',
};

export const DECISION_KIND: Record<string, string> = {
  BUDGET: 'Budget',
  VERKSAMHETSPLAN: 'Verksamhetsplan',
  EXTENSION: 'Förlängning',
  AVVIKELSE: 'Avvikelse',
  OTHER: 'Övrigt',
};

export const VOTE_CHOICE: Record<string, string> = {
  YES: 'Ja',
  NO: 'Nej',
  ABSTAIN: 'Avstår',
};

/** Årshjulets fasta tidsfrister. */
export const DEADLINE_KIND: Record<string, string> = {
  BUDGET_AND_PLAN: 'Budget och verksamhetsplan',
  ANNUAL_REPORT: 'Årsredovisning',
  HALF_YEAR_REPORT: 'Halvårsrapport',
  REQUISITION: 'Rekvisition',
};

export const PARTICIPATION_DEADLINE: Record<string, string> = {
  FOLLOW_UP: 'Uppföljning',
  PLANNED_END: 'Planerat avslut',
  FINAL_DOCUMENTATION: 'Slutdokumentation',
  AFTER_6_MONTHS: 'Uppföljning efter 6 månader',
  AFTER_18_MONTHS: 'Uppföljning efter 18 månader',
};

export const PARTICIPATION_STATUS: Record<string, string> = {
  REFERRED: 'Anmäld',
  ACCEPTED: 'Antagen',
  REJECTED: 'Avslagen',
  ENROLLED: 'Inskriven',
  EXITED: 'Avslutad',
};

const kronor = new Intl.NumberFormat('sv-SE', { style: 'currency', currency: 'SEK', maximumFractionDigits: 0 });
const number = new Intl.NumberFormat('sv-SE');
const date = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeZone: 'UTC' });

export const formatKronor = (value: number) => kronor.format(value);
export const formatNumber = (value: number) => number.format(value);
const percent = new Intl.NumberFormat('sv-SE', { style: 'percent', maximumFractionDigits: 0 });
/** A share 0–1 as "69 %". */
export const formatPercent = (value: number) => percent.format(value);
/** A Date scalar (YYYY-MM-DD) as "3 maj 2021". */
export const formatDate = (value: string) => date.format(new Date(`${value}T00:00:00Z`));

/** The graph's Int: a larger sum is refused in the form rather than sent. */
const INT_MAX = 2_147_483_647;

/** Kronor as a person types them: "1 200 000", "1200000 kr" or "-5" (refused by the graph, beside the field). */
export function parseKronor(text: string): number | null {
  const compact = text.replace(/[\s\u00a0]/g, '').replace(/kr$/i, '');
  return /^-?\d+$/.test(compact) && Math.abs(Number(compact)) <= INT_MAX ? Number(compact) : null;
}

/* The participation and requisition enums, as staff of an insats say them. */
export const KON: Record<string, string> = { KVINNA: 'Kvinna', MAN: 'Man', UNKNOWN: 'Okänt' };

export const EXCLUSION_GROUND: Record<string, string> = {
  SUBSTANCE_ABUSE: 'Pågående missbruk',
  KNOWN_THREAT: 'Känd hotbild',
  DEPRIVATION_OF_LIBERTY: 'Förestående frihetsberövande',
  TOO_ILL: 'För sjuk för att delta',
};

export const STUDY_VISIT: Record<string, string> = {
  NOT_OFFERED: 'Inte erbjudet',
  OFFERED: 'Erbjudet, inte genomfört',
  DONE: 'Genomfört',
};

export const EDUCATION_LEVEL: Record<string, string> = {
  GRUNDSKOLA_EJ_AVSLUTAD: 'Grundskola, ej avslutad',
  GRUNDSKOLA: 'Grundskola',
  GYMNASIUM: 'Gymnasium',
  EFTERGYMNASIAL: 'Eftergymnasial utbildning',
  OKAND: 'Okänd',
};

export const SUPPORT_SOURCE: Record<string, string> = {
  LON: 'Lön',
  STUDIEMEDEL: 'Studiemedel',
  A_KASSA_AKTIVITETSSTOD: 'A-kassa eller aktivitetsstöd',
  SJUKPENNING: 'Sjukpenning',
  AKTIVITETSERSATTNING: 'Aktivitetsersättning',
  SJUKERSATTNING: 'Sjukersättning',
  FORSORJNINGSSTOD: 'Försörjningsstöd',
  INGEN_OFFENTLIG_FORSORJNING: 'Ingen offentlig försörjning',
  OTHER: 'Annan försörjning',
};

export const FOLLOW_UP_DECISION: Record<string, string> = {
  CONTINUE: 'Fortsätta enligt plan',
  CHANGE: 'Ändra planen',
  END: 'Avsluta deltagandet',
};

export const FOLLOW_UP_LEVEL: Record<string, string> = {
  HIGHER: 'Högre nivå än vid avslut',
  SAME: 'Samma nivå som vid avslut',
  LOWER: 'Lägre nivå än vid avslut',
};

/** The two-month requisition periods of a year. */
export const PERIOD: Record<number, string> = {
  1: 'januari–februari',
  2: 'mars–april',
  3: 'maj–juni',
  4: 'juli–augusti',
  5: 'september–oktober',
  6: 'november–december',
};

/** Today as a Date scalar (YYYY-MM-DD), in the person's own time zone. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The fields of an import file (participants README, "Import file format"), as a person reads them. */
export const IMPORT_FIELD: Record<string, string> = {
  content: 'Filen',
  sourceRef: 'Källreferens',
  interventionId: 'Insats',
  referredOn: 'Remissdatum',
  referrerUnit: 'Remittent',
  referringMemberId: 'Remitterande medlem',
  needsTwoMembers: 'Behov av minst två parters stöd',
  motivated: 'Motiverad',
  exclusionGrounds: 'Exklusionsgrunder',
  studyVisit: 'Studiebesök',
  consentGivenOn: 'Samtycke',
  personnummer: 'Personnummer',
  name: 'Namn',
  hemkommun: 'Hemkommun',
  kon: 'Kön',
  age: 'Ålder',
  decision: 'Beslut',
  decidedOn: 'Beslutsdatum',
  decisionReason: 'Skäl för beslutet',
  enrolledOn: 'Inskrivningsdatum',
  educationLevel: 'Utbildningsnivå',
  supportBefore: 'Försörjning före',
  yearsInSupport: 'År med försörjningsstöd',
  followUps: 'Uppföljning',
  exitedOn: 'Avslutsdatum',
  outcomes: 'Avslutsorsaker',
  supportAfter: 'Försörjning efter',
  finalDocumentationSentOn: 'Slutdokumentation skickad',
  level6Months: 'Läge efter 6 månader',
  level18Months: 'Läge efter 18 månader',
};

/** An import issue's field in Swedish, with the file's own column name: "Avslutsdatum (exitedOn)". */
export function importField(field: string): string {
  const [head = field, ...rest] = field.split('.');
  const label = IMPORT_FIELD[head];
  return label ? `${label}${rest.length ? ` ${rest.join('.')}` : ''} (${field})` : field;
}

/** What a retention policy (gallringsbeslut) covers. */
export const RETENTION_RECORD_TYPE: Record<string, string> = {
  PARTICIPATION: 'Avslutade deltaganden (avidentifieras)',
  SCREENING: 'Screeningar i avslutade deltaganden',
};
