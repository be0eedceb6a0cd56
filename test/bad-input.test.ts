/**
 * Done means (issue 15, strict input): a walk generated from the supergraph calls every field that
 * takes arguments — every query field, the fields below them, and every mutation — with impossible
 * and malformed dates, NUL, 100 KB of text, negative and huge numbers and unknown ids, as each role
 * that may call it: no INTERNAL_SERVER_ERROR anywhere, and the database holds what it held. Targeted
 * mutations show the typed error (ValidationError at the field) for each kind.
 */
import { Supergraph } from '@apollo/federation-internals';
import { readSupergraph } from '@finsam/infra/compose.js';
import { DATE_YEARS, MONEY_MAX, TEXT_LIMITS } from '@finsam/kit/input.js';
import {
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from 'graphql';
import {
  codes,
  DEMO_INTERVENTION_IDS,
  NORRA,
  startTestPlatform,
  type TestPlatform,
  VASTERAS,
} from './support/platform.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
  // A person's first request claims their invitation (a write): done before any snapshot.
  for (const as of [...ROLES, 'norra-vastmanland-admin']) {
    await p.gql('{ me { __typename } }', { as });
  }
});
afterAll(() => p.close());

const { SALA } = DEMO_INTERVENTION_IDS;
const ROLES = ['platform-admin', 'vasteras-admin', 'norra-vastmanland-staff', 'county-analyst'];
const UNKNOWN_ID = '00000000-0000-4000-8000-00000000dead';
const KB100 = 'x'.repeat(100 * 1024);

const api = Supergraph.build(readSupergraph()).apiSchema().toGraphQLJSSchema();

/** Where a type's fields are reached from the root, for each type that has fields with arguments. */
const PARENTS: Record<string, (inner: string) => string> = {
  Query: (inner) => inner,
  Mutation: (inner) => inner,
  Forbund: (inner) => `forbund { ${inner} }`,
  SharedPost: (inner) => `forbund { sharedPosts { ${inner} } }`,
  ForbundYear: (inner) => `forbund { year(year: 2024) { ${inner} } }`,
  Body: (inner) => `bodies { ${inner} }`,
  Intervention: (inner) => `interventions(first: 3) { edges { node { ${inner} } } }`,
  PersonDetails: (inner) =>
    `participations(interventionId: "${SALA}", first: 3) { edges { node { person { ${inner} } } } }`,
};

/** A valid value for an argument, so that only the bad one is wrong. */
function good(type: GraphQLInputType, name: string): unknown {
  if (isNonNullType(type)) {
    return good(type.ofType, name);
  }
  if (isListType(type)) {
    return name === 'forbundIds' ? [NORRA.id, VASTERAS.id] : [good(type.ofType, name)];
  }
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type))
        .map((f) => [f.name, good(f.type, f.name)]),
    );
  }
  if (isEnumType(type)) {
    return type.getValues()[0]!.value;
  }
  switch (type.name) {
    case 'ID':
      return name === 'forbundId' ? NORRA.id : SALA;
    case 'Int':
      return /year/i.test(name) ? 2024 : 1;
    case 'Kronor':
      return 1;
    case 'Date':
      return name === 'to' ? '2024-12-31' : '2024-01-01';
    case 'DateTime':
      return '2024-01-01T00:00:00Z';
    case 'Boolean':
      return false;
    case 'String':
      return /^(from|to)$/.test(name) ? '2024-01' : 'x';
    default:
      return null;
  }
}

const BAD_LEAVES: Record<string, unknown[]> = {
  Date: ['2021-02-30', '2021-04-31', '0000-01-01', '2021-13-01', 'yesterday', 20210101],
  DateTime: ['2021-02-30T10:00:00Z', '0000-01-01T00:00:00Z', 'now'],
  String: ['a\u0000b', KB100],
  Int: [-1, 2_147_483_647, -2_147_483_648],
  Kronor: [-1, 2_147_483_647, -2_147_483_648, 1.5, 2 ** 53],
  ID: [UNKNOWN_ID, 'nope'],
};

/** Bad values for an argument: each leaf inside it made bad in turn, the rest valid. */
function bad(type: GraphQLInputType, name: string): { at: string; value: unknown }[] {
  if (isNonNullType(type)) {
    return bad(type.ofType, name);
  }
  if (isListType(type)) {
    return bad(type.ofType, name).map(({ at, value }) => ({ at: `${at}[0]`, value: [value] }));
  }
  if (isInputObjectType(type)) {
    const base = good(type, name) as Record<string, unknown>;
    return Object.values(type.getFields()).flatMap((f) =>
      bad(f.type, f.name).map(({ at, value }) => ({ at: `${name}.${at}`, value: { ...base, [f.name]: value } })),
    );
  }
  return (BAD_LEAVES[type.name] ?? []).map((value) => ({ at: name, value }));
}

/** Enough of a selection to make the field resolve. */
function selection(type: GraphQLOutputType): string {
  const named = getNamedType(type);
  if (isLeafType(named)) {
    return '';
  }
  if (isUnionType(named) && named.getTypes().some((t) => t.name === 'ValidationError')) {
    return '{ __typename ... on ValidationError { issues { path message } } }';
  }
  return '{ __typename }';
}

interface Case {
  coordinate: string;
  at: string;
  operation: string;
  variables: Record<string, unknown>;
}

/** One request per bad value: the value as a variable, and dates and text also as literals. */
function cases(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): Case[] {
  const kind = type.name === 'Mutation' ? 'mutation' : 'query';
  const wrap = PARENTS[type.name]!;
  return field.args.flatMap((arg) =>
    bad(arg.type, arg.name).map(({ at, value }) => {
      const variables: Record<string, unknown> = { bad: value };
      const args = field.args
        .filter((a) => a === arg || isNonNullType(a.type))
        .map((a) => {
          if (a === arg) {
            return `${a.name}: $bad`;
          }
          variables[a.name] = good(a.type, a.name);
          return `${a.name}: $${a.name}`;
        });
      const declared = field.args
        .filter((a) => a === arg || isNonNullType(a.type))
        .map((a) => `$${a === arg ? 'bad' : a.name}: ${a.type}`);
      const body = wrap(`${field.name}(${args.join(', ')}) ${selection(field.type)}`);
      return {
        coordinate: `${type.name}.${field.name}`,
        at,
        operation: `${kind}(${declared.join(', ')}) { ${body} }`,
        variables,
      };
    }),
  );
}

const fieldsWithArguments = (filter: (type: GraphQLNamedType) => boolean) =>
  Object.values(api.getTypeMap())
    .filter((t): t is GraphQLObjectType => isObjectType(t) && !t.name.startsWith('__') && filter(t))
    .flatMap((type) =>
      Object.values(type.getFields())
        .filter((f) => f.args.length > 0)
        .map((field) => ({ type, field })),
    );

const queryFields = fieldsWithArguments((t) => t.name !== 'Mutation');
const mutationFields = fieldsWithArguments((t) => t.name === 'Mutation');

/** Rows per table of every subgraph, audit trails left out (reading is audited). */
async function snapshot(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const subgraph of ['finance', 'governance', 'indicators', 'participants', 'teams']) {
    const rows = await p.rows<{ table_name: string; n: number }>(
      subgraph,
      `select table_name, (xpath('/row/n/text()', query_to_xml(
           format('select count(*) as n from %I.%I', table_schema, table_name), false, true, '')))[1]::text::int as n
       from information_schema.tables
       where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like '%audit%'
         and table_name not like '%access_event%' and table_name not like 'mikro_orm%'`,
    );
    for (const { table_name, n } of rows) {
      counts[`${subgraph}.${table_name}`] = n;
    }
  }
  return counts;
}

/** Every request of the cases, as every role: the ones that came back as internal errors. */
async function internalErrors(list: Case[]): Promise<string[]> {
  const found: string[] = [];
  for (const c of list) {
    for (const as of ROLES) {
      const res = await p.gql(c.operation, { as, variables: c.variables });
      if (res.status >= 500 || codes(res).includes('INTERNAL_SERVER_ERROR')) {
        const value = JSON.stringify(c.variables.bad).slice(0, 40);
        found.push(`${c.coordinate} ${c.at}=${value} as ${as}: ${res.errors?.[0]?.message.slice(0, 120)}`);
      }
    }
  }
  return found;
}

describe('the generated walk', () => {
  it('reaches every type whose fields take arguments', () => {
    expect(
      [...new Set([...queryFields, ...mutationFields].map(({ type }) => type.name))].filter((t) => !PARENTS[t]),
    ).toEqual([]);
    expect(queryFields.length).toBeGreaterThan(40);
  });

  it.each(queryFields.map(({ type, field }) => [`${type.name}.${field.name}`, type, field] as const))(
    '%s: no bad argument is an internal error',
    async (_name, type, field) => {
      const before = await snapshot();
      expect(await internalErrors(cases(type, field))).toEqual([]);
      expect(await snapshot()).toEqual(before);
    },
  );

  it.each(mutationFields.map(({ type, field }) => [`${type.name}.${field.name}`, type, field] as const))(
    '%s: no bad argument is an internal error, and nothing is written',
    async (_name, type, field) => {
      const before = await snapshot();
      expect(await internalErrors(cases(type, field))).toEqual([]);
      expect(await snapshot()).toEqual(before);
    },
  );
});

const { HALLSTAHAMMAR, FNS } = DEMO_INTERVENTION_IDS;
const ISSUES = '__typename ... on ValidationError { issues { path message } }';
const STAFF = { as: 'norra-vastmanland-staff' };
const NORRA_ADMIN = { as: 'norra-vastmanland-admin' };

/** Runs a mutation that must be refused with these issues, and shows nothing was written. */
async function refused(mutation: string, options: { as: string; variables?: Record<string, unknown> }) {
  const before = await snapshot();
  const res = await p.gql(mutation, options);
  expect(res.errors).toBeUndefined();
  expect(await snapshot()).toEqual(before);
  return Object.values(res.data as Record<string, unknown>)[0];
}

describe('targeted mutations: a typed error at the field, nothing written', () => {
  const SUBMIT = `mutation ($input: SubmitRequisitionInput!) { submitRequisition(input: $input) { ${ISSUES} } }`;

  it('money: three requisition lines of 2 147 483 647 kr are refused, each at its line', async () => {
    const lines = ['PERSONNEL', 'TRAVEL', 'OTHER'].map((category) => ({ category, amount: 2_147_483_647 }));
    const input = { interventionId: HALLSTAHAMMAR, year: 2024, period: 2, lines };
    expect(await refused(SUBMIT, { ...STAFF, variables: { input } })).toEqual({
      __typename: 'ValidationError',
      issues: [0, 1, 2].map((i) => ({
        path: ['input', 'lines', String(i), 'amount'],
        message: `Between ${-MONEY_MAX} and ${MONEY_MAX}`,
      })),
    });
  });

  it('money: an allocation of 2 147 483 647 kr is refused', async () => {
    const mutation = `mutation { setAllocation(interventionId: "${FNS}", year: 2023, amount: 2147483647) {
      ${ISSUES} } }`;
    expect(await refused(mutation, NORRA_ADMIN)).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: ['amount'], message: `Between ${-MONEY_MAX} and ${MONEY_MAX}` }],
    });
  });

  it.each([
    ['NUL', 'Kallelser\u0000 uteblir.', 'No control characters'],
    ['100 KB', KB100, 'At most 10000 characters'],
  ])('text: an avvikelse description with %s is refused', async (_kind, description) => {
    const mutation = `mutation ($d: String!) { reportAvvikelse(interventionId: "${HALLSTAHAMMAR}", description: $d) {
      ${ISSUES} } }`;
    const problem = description === KB100 ? 'At most 10000 characters' : 'No control characters';
    expect(await refused(mutation, { ...STAFF, variables: { d: description } })).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: ['description'], message: problem }],
    });
  });

  it('text: a 100 KB rejection reason is refused', async () => {
    const mutation = `mutation ($r: String!) { rejectRequisition(id: "${UNKNOWN_ID}", expectedVersion: 1, reason: $r) {
      ${ISSUES} } }`;
    expect(await refused(mutation, { ...NORRA_ADMIN, variables: { r: KB100 } })).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: ['reason'], message: `At most ${TEXT_LIMITS.text} characters` }],
    });
  });

  it.each([
    ['2021-02-30', 'No such day'],
    ['2021-04-31', 'No such day'],
    ['0000-01-01', `A date lies in ${DATE_YEARS.first}–${DATE_YEARS.last}`],
    ['01/02/2021', 'Date is YYYY-MM-DD'],
  ])('dates: an avvikelse reported on %s, as a literal and as a variable', async (date, problem) => {
    const expected = { __typename: 'ValidationError', issues: [{ path: ['reportedOn'], message: problem }] };
    const literal = `mutation { reportAvvikelse(interventionId: "${HALLSTAHAMMAR}", description: "Kallelser uteblir.",
      reportedOn: "${date}") { ${ISSUES} } }`;
    expect(await refused(literal, STAFF)).toEqual(expected);
    const variable = `mutation ($on: Date) { reportAvvikelse(interventionId: "${HALLSTAHAMMAR}",
      description: "Kallelser uteblir.", reportedOn: $on) { ${ISSUES} } }`;
    expect(await refused(variable, { ...STAFF, variables: { on: date } })).toEqual(expected);
  });

  it('dates: an insats starting on 2021-02-30 is refused at its input field', async () => {
    const input = {
      name: 'Omöjlig start',
      form: 'UNTIL_FURTHER_NOTICE',
      ownerMemberIds: [],
      bookkeepingMemberId: UNKNOWN_ID,
      startDate: '2021-02-30',
      kommunCodes: [],
      kind: 'INDIVIDUAL',
      followUpMethod: 'SUS',
      esfFunded: false,
    };
    const mutation = `mutation ($input: CreateInterventionInput!) { createIntervention(input: $input) { ${ISSUES} } }`;
    const result = (await refused(mutation, { ...NORRA_ADMIN, variables: { input } })) as any;
    expect(result.issues).toContainEqual({ path: ['input', 'startDate'], message: 'No such day' });
  });
});

describe('targeted query arguments: BAD_USER_INPUT naming the argument', () => {
  const argumentOf = (res: { errors?: { extensions?: Record<string, any> }[] }) =>
    res.errors?.map((e) => [e.extensions?.code, e.extensions?.argument]);

  it.each([
    [
      'participantDeadlines(within: 2147483647)',
      `{ intervention(id: "${HALLSTAHAMMAR}") { participantDeadlines(within: 2147483647) { kind } } }`,
      'within',
      STAFF,
    ],
    ['meetings(year: -1)', '{ bodies { meetings(year: -1) { id } } }', 'year', NORRA_ADMIN],
    [
      'auditSummary(from: "2021-02-30")',
      '{ auditSummary(from: "2021-02-30", to: "2021-03-01") { userId } }',
      'from',
      NORRA_ADMIN,
    ],
    [
      'activeOn(date: "0000-01-01")',
      `{ intervention(id: "${SALA}") { activeOn(date: "0000-01-01") } }`,
      'date',
      NORRA_ADMIN,
    ],
    ['questionnaire(code: NUL)', '{ questionnaire(code: "AB\\u0000CD") { __typename } }', 'code', NORRA_ADMIN],
  ])('%s', async (_name, query, argument, as) => {
    const res = await p.gql(query, as);
    expect(argumentOf(res)?.[0]).toEqual(['BAD_USER_INPUT', argument]);
  });
});
