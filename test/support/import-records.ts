/**
 * For the records tests (import, corrections): a new förbund with one insats, its administrator and staff,
 * a year of synthetic participations (valid personnummer, dates within 2021), the same records as an
 * import file and as mutations, and a wait for a staged import.
 */
import { loginAs } from '@finsam/infra/idp/index.js';
import { luhn } from '@finsam/participants/domain/personnummer.js';
import type { GraphQLResponse, TestPlatform } from './platform.js';

export const RESULT = `
  __typename
  ... on Error { code message }
  ... on ValidationError { issues { path message } }
  ... on NotFoundError { path }
  ... on ConflictError { path }
`;

/** The data of a mutation's success, or a failed expectation naming the typed error. */
export function ok(res: GraphQLResponse, field: string) {
  expect(res.errors).toBeUndefined();
  const result = res.data?.[field];
  const success = `Mutation${field[0]!.toUpperCase()}${field.slice(1)}Success`;
  if (result?.__typename !== success) {
    // The whole result: a typed error's issues say what was wrong.
    throw new Error(`${field}: ${JSON.stringify(result)}`);
  }
  return result.data;
}

export interface NewForbund {
  id: string;
  admin: string;
  staff: string;
  interventionId: string;
}

/** A förbund registered by the platform administrator, with one insats (from 2020) and its people. */
export async function newForbund(p: TestPlatform, slug: string, serial: number): Promise<NewForbund> {
  const digits = `222${String(serial).padStart(6, '0')}`;
  const created = ok(
    await p.gql(
      `mutation ($input: CreateForbundInput!) {
        createForbund(input: $input) {
          ${RESULT} ... on MutationCreateForbundSuccess { data { id members { id kind } } }
        }
      }`,
      {
        as: 'platform-admin',
        variables: {
          input: {
            name: `Samordningsförbundet ${slug}`,
            slug,
            organisationNumber: `${digits}${luhn(digits)}`,
            members: [
              { kind: 'FORSAKRINGSKASSAN', name: 'Försäkringskassan' },
              { kind: 'ARBETSFORMEDLINGEN', name: 'Arbetsförmedlingen' },
              { kind: 'REGION', name: 'Region Gävleborg', scbCode: '21' },
              { kind: 'KOMMUN', name: 'Gävle kommun', scbCode: '2180', shareBasisPoints: 1500 },
              { kind: 'KOMMUN', name: 'Sandvikens kommun', scbCode: '2181', shareBasisPoints: 1000 },
            ],
          },
        },
      },
    ),
    'createForbund',
  );
  const member = (kind: string) => created.members.find((m: { kind: string }) => m.kind === kind).id;
  const admin = await p.tokenFor({
    name: `${slug}-admin`,
    roles: ['forbund_admin'],
    tenant: created.id,
    interventions: [],
  });
  const insats = ok(
    await p.gql(
      `mutation ($input: CreateInterventionInput!) {
        createIntervention(input: $input) { ${RESULT} ... on MutationCreateInterventionSuccess { data { id } } }
      }`,
      {
        token: admin,
        variables: {
          input: {
            name: `Samordningsteam ${slug}`,
            kind: 'INDIVIDUAL',
            form: 'UNTIL_FURTHER_NOTICE',
            ownerMemberIds: [member('ARBETSFORMEDLINGEN'), member('KOMMUN')],
            bookkeepingMemberId: member('KOMMUN'),
            startDate: '2020-01-01',
            yearlyPlaces: 250,
            targetAgeMin: 16,
            targetAgeMax: 64,
            kommunCodes: ['2180', '2181'],
            followUpMethod: 'Indikatorer för finansiell samordning',
            esfFunded: false,
          },
        },
      },
    ),
    'createIntervention',
  );
  // Insats access is given by the förbund's own administrator; the one entering records by hand leads the insats
  // (its verksamhetsledare decides on referrals).
  const email = `${slug}-staff@test.finsam.se`;
  ok(
    await p.gql(
      `mutation ($input: InviteUserInput!) {
        inviteUser(input: $input) { ${RESULT} ... on MutationInviteUserSuccess { data { id } } }
      }`,
      {
        token: admin,
        variables: { input: { email, grants: [{ role: 'VERKSAMHETSLEDARE', interventionIds: [insats.id] }] } },
      },
    ),
    'inviteUser',
  );
  p.idp.addAccount('kommun', { username: `${slug}-staff`, name: `${slug} staff`, email });
  const staff = (await loginAs(p.idp.issuers.kommun, `${slug}-staff`)).accessToken;
  return { id: created.id, admin, staff, interventionId: insats.id };
}

const REFERRERS = ['FORSAKRINGSKASSAN', 'ARBETSFORMEDLINGEN', 'KOMMUN_FORSORJNINGSSTOD', 'REGION'];
const OUTCOMES = ['ARBETE_UTAN_STOD', 'STUDIER', 'AKTIVT_ARBETSSOKANDE', 'FORTSATT_REHABILITERING', 'AVBROTT'];
const pad = (n: number) => String(n).padStart(2, '0');

/** One synthetic participation of 2021, as the import's JSON shape (field names as the README documents). */
export interface Person {
  sourceRef: string;
  referredOn: string;
  referrerUnit: string;
  needsTwoMembers: boolean;
  motivated: boolean;
  exclusionGrounds: string[];
  studyVisit: string;
  consentGivenOn?: string;
  personnummer?: string;
  name?: string;
  hemkommun?: string;
  kon?: string;
  decision: 'ACCEPTED' | 'REJECTED';
  decidedOn: string;
  decisionReason?: string;
  enrolledOn?: string;
  educationLevel?: string;
  supportBefore?: string[];
  yearsInSupport?: number;
  followUps: { date: string; decision: string; referrerPresent: boolean }[];
  exitedOn?: string;
  outcomes: string[];
}

/** `n` persons: most with consent, one in eight anonymous, one in ten rejected, two in three exited in 2021. */
export function yearOfPersons(n: number): Person[] {
  return Array.from({ length: n }, (_, i) => {
    const month = (i % 9) + 1;
    const referredOn = `2021-${pad(month)}-${pad((i % 20) + 1)}`;
    const anonymous = i % 8 === 7;
    const rejected = i % 10 === 9;
    const birth = `${1965 + (i % 35)}${pad((i % 12) + 1)}${pad((i % 27) + 1)}`;
    const serial = `${pad(i % 100)}${(i * 7) % 10}`;
    const nine = `${birth.slice(2)}${serial}`;
    const person: Person = {
      sourceRef: `SUS-2021-${String(i + 1).padStart(4, '0')}`,
      referredOn,
      referrerUnit: REFERRERS[i % REFERRERS.length]!,
      needsTwoMembers: true,
      motivated: true,
      exclusionGrounds: [],
      studyVisit: 'DONE',
      ...(anonymous
        ? { kon: i % 2 ? 'MAN' : 'KVINNA' }
        : {
            consentGivenOn: referredOn,
            personnummer: `${birth}-${serial}${luhn(nine)}`,
            name: `Person ${i + 1}`,
            hemkommun: i % 3 ? '2180' : '2181',
          }),
      decision: rejected ? 'REJECTED' : 'ACCEPTED',
      decidedOn: `2021-${pad(month)}-25`,
      ...(rejected ? { decisionReason: 'Behovet möts bättre av en annan insats' } : {}),
      followUps: [],
      outcomes: [],
    };
    if (!rejected) {
      person.enrolledOn = `2021-${pad(month + 1)}-0${(i % 5) + 1}`;
      if (!anonymous) {
        person.educationLevel = i % 2 ? 'GYMNASIUM' : 'GRUNDSKOLA';
        person.supportBefore = [i % 2 ? 'SJUKPENNING' : 'FORSORJNINGSSTOD'];
        person.yearsInSupport = i % 6;
      }
      if (i % 4 === 0) {
        person.followUps.push({ date: `2021-${pad(month + 2)}-15`, decision: 'CONTINUE', referrerPresent: true });
      }
      if (i % 3 !== 2) {
        person.exitedOn = `2021-${pad(month + 3)}-20`;
        person.outcomes = [OUTCOMES[i % OUTCOMES.length]!];
      }
    }
    return person;
  });
}

const CSV_COLUMNS = [
  'sourceRef',
  'interventionId',
  'referredOn',
  'referrerUnit',
  'needsTwoMembers',
  'motivated',
  'exclusionGrounds',
  'studyVisit',
  'consentGivenOn',
  'personnummer',
  'name',
  'hemkommun',
  'kon',
  'decision',
  'decidedOn',
  'decisionReason',
  'enrolledOn',
  'educationLevel',
  'supportBefore',
  'yearsInSupport',
  'followUps',
  'exitedOn',
  'outcomes',
] as const;

/** The persons as an import CSV for an insats (the format in the participants README). */
export function toCsv(persons: readonly Person[], interventionId: string): string {
  const cell = (p: Person, c: (typeof CSV_COLUMNS)[number]): string => {
    if (c === 'interventionId') {
      return interventionId;
    }
    const value = p[c];
    if (c === 'followUps') {
      return p.followUps.map((f) => `${f.date}:${f.decision}:${f.referrerPresent}`).join(';');
    }
    if (Array.isArray(value)) {
      return value.join(';');
    }
    const text = value === undefined ? '' : String(value);
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [CSV_COLUMNS.join(','), ...persons.map((p) => CSV_COLUMNS.map((c) => cell(p, c)).join(','))].join('\n');
}

const IMPORT_FIELDS = `id status totalRows processedRows issues { row field message }
  summary { rows created unchanged followUps }`;

/** Stages a file, starts its check or run, and waits until it settles; returns the import. */
export async function stageAndRun(
  p: TestPlatform,
  token: string,
  file: { name: string; format: 'CSV' | 'JSON'; content: string },
  steps: ('check' | 'run')[],
) {
  const staged = ok(
    await p.gql(
      `mutation ($input: StageParticipationImportInput!) {
        stageParticipationImport(input: $input) {
          ${RESULT} ... on MutationStageParticipationImportSuccess { data { ${IMPORT_FIELDS} } }
        }
      }`,
      { token, variables: { input: file } },
    ),
    'stageParticipationImport',
  );
  const results = [];
  for (const step of steps) {
    const field = step === 'check' ? 'checkParticipationImport' : 'runParticipationImport';
    const success = `Mutation${field[0]!.toUpperCase()}${field.slice(1)}Success`;
    ok(
      await p.gql(
        `mutation ($id: ID!) {
          ${field}(id: $id) { ${RESULT} ... on ${success} { data { id } } }
        }`,
        { token, variables: { id: staged.id } },
      ),
      field,
    );
    results.push(await settled(p, token, staged.id));
  }
  return results;
}

/** Polls the import until it is no longer checking or running. */
export async function settled(p: TestPlatform, token: string, id: string) {
  for (;;) {
    const res = await p.gql(`query ($id: ID!) { participationImport(id: $id) { ${IMPORT_FIELDS} } }`, {
      token,
      variables: { id },
    });
    expect(res.errors).toBeUndefined();
    const status = res.data.participationImport.status;
    if (status !== 'CHECKING' && status !== 'RUNNING') {
      return res.data.participationImport;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The year's participant figures of a förbund, as its administrator reads them, without the insats' id or name. */
export async function yearFigures(p: TestPlatform, token: string, year = 2021) {
  const res = await p.gql(
    `{ forbund { year(year: ${year}) { participants {
      new { suppressed value } total { suppressed value }
      hemkommuner { scbCode new { value } total { value } }
      interventions {
        new { value } total { value } exited { value }
        exitsByOutcome { key count { value } } newByReferrer { key count { value } }
        newByKon { key count { value } } averageAgeAtEntry { value } stepForwardShare { value }
      }
    } } } }`,
    { token },
  );
  expect(res.errors).toBeUndefined();
  return res.data.forbund.year.participants;
}
