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

/** Remittent: the unit that referred a participant. */
export const REFERRER_UNIT: Record<string, string> = {
  FORSAKRINGSKASSAN: 'Försäkringskassan',
  ARBETSFORMEDLINGEN: 'Arbetsförmedlingen',
  KOMMUN_FORSORJNINGSSTOD: 'Kommunen, försörjningsstöd',
  KOMMUN_KAA: 'Kommunen, KAA',
  KOMMUN_IFO: 'Kommunen, IFO',
  KOMMUN_LSS: 'Kommunen, LSS',
  KOMMUN_OTHER: 'Kommunen, annan enhet',
  REGION: 'Regionen',
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
