/** The register extract's sections without a database: every field with a value is shown, labelled, once. */
import {
  actionPlanSection,
  auditSection,
  followUpSection,
  PARTICIPATION_LABELS,
  participationSection,
  screeningSection,
  shown,
} from '../../src/domain/register-extract.js';

const participation = {
  id: 'p1',
  interventionId: 'i1',
  status: 'EXITED',
  kon: 'KVINNA',
  startYear: 2023,
  birthYear: 1990,
  ageAtReferral: 33,
  hemkommun: '1980',
  referredOn: '2023-02-01',
  referrerUnit: 'FORSAKRINGSKASSAN',
  referringMemberId: null,
  needsTwoMembers: true,
  motivated: true,
  exclusionGrounds: [],
  studyVisit: 'DONE',
  decisionReason: 'Behov från två parter',
  decidedOn: '2023-02-03',
  consentGivenOn: '2023-02-01',
  consentWithdrawnOn: null,
  enrolledOn: '2023-02-10',
  plannedEnd: '2024-02-10',
  educationLevel: 'GYMNASIUM',
  supportBefore: ['SJUKPENNING', 'OTHER'],
  yearsInSupport: 3,
  extensionDecisionId: null,
  exitedOn: '2023-11-30',
  outcomes: ['STUDIER'],
  supportAfter: null,
  finalDocumentationSentOn: null,
  level6Months: null,
  level18Months: null,
  actionPlan: null,
  culledOn: null,
  carriedOverTo: null,
} as const;

describe('participationSection', () => {
  it('shows every field that holds a value, in Swedish, and none that is empty', () => {
    const section = participationSection(participation as never);
    const byField = Object.fromEntries(section.entries.map((e) => [e.field, e]));
    expect(byField.decisionReason).toEqual({
      field: 'decisionReason',
      label: 'Motivering till beslut',
      value: 'Behov från två parter',
    });
    expect(byField.supportBefore?.value).toBe('SJUKPENNING, OTHER');
    expect(byField.needsTwoMembers?.value).toBe('ja');
    for (const empty of ['referringMemberId', 'exclusionGrounds', 'supportAfter', 'level6Months', 'culledOn']) {
      expect(byField[empty]).toBeUndefined();
    }
    const labelled = Object.entries(PARTICIPATION_LABELS).filter(([, label]) => label !== null);
    const withValue = labelled.filter(([field]) => shown((participation as Record<string, unknown>)[field]) !== null);
    expect(section.entries.map((e) => e.field).sort()).toEqual(withValue.map(([field]) => field).sort());
  });
});

describe('the other sections', () => {
  it('show a plan, a follow-up, a screening and a logged read with their values', () => {
    const plan = actionPlanSection('p1', {
      agreedOn: '2023-03-01',
      sip: true,
      goals: ['Praktik'],
      responsibilities: [{ party: 'AF', task: 'Praktikplats' }],
    });
    expect(plan.title).toBe('Handlingsplan (SIP)');
    expect(plan.entries.map((e) => e.value)).toEqual(['2023-03-01', 'ja', 'Praktik', 'AF: Praktikplats']);
    expect(
      followUpSection({ id: 'f1', date: '2023-05-01', referrerPresent: false, decision: 'CONTINUE' }).entries,
    ).toEqual([
      { field: 'date', label: 'Datum', value: '2023-05-01' },
      { field: 'referrerPresent', label: 'Remittenten deltog', value: 'nej' },
      { field: 'decision', label: 'Beslut', value: 'CONTINUE' },
    ]);
    const screening = screeningSection({
      id: 's1',
      kind: 'KASAM',
      date: '2023-04-01',
      answered: null,
      supportOffered: null,
      score: 55,
    });
    expect(screening.entries.map((e) => e.field)).toEqual(['kind', 'date', 'score']);
    const read = auditSection({
      id: 'a1',
      at: new Date('2024-01-02T03:04:05Z'),
      userId: 'u1',
      fields: ['name'],
      reason: null,
    });
    expect(read.entries).toEqual([
      { field: 'at', label: 'Tidpunkt', value: '2024-01-02T03:04:05.000Z' },
      { field: 'userId', label: 'Användare', value: 'u1' },
      { field: 'fields', label: 'Uppgifter', value: 'name' },
    ]);
  });
});
