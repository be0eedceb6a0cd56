/** Swedish names of the participation and requisition enums, as staff of an insats say them. */

export const KON: Record<string, string> = { KVINNA: 'Kvinna', MAN: 'Man', UNKNOWN: 'Okänt' };

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

export const REQUISITION_STATUS: Record<string, string> = {
  SUBMITTED: 'Inskickad',
  APPROVED: 'Godkänd',
  REJECTED: 'Avslagen',
  PAID: 'Utbetald',
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
