/**
 * Done means (issue 19, a county view worth opening): every field reachable from `countyReport` —
 * the selection generated from the supergraph, recursively to a sane depth — answers for the
 * county analyst: no internal error anywhere, and no null without an error at its path (a refusal
 * is an error the analyst sees, never a silent gap). Insats names under staffing and finance answer.
 */
import { Supergraph } from '@apollo/federation-internals';
import { readSupergraph } from '@finsam/infra/compose.js';
import {
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  getNamedType,
  isEnumType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { NORRA, startTestPlatform, type TestPlatform, VASTERAS } from './support/platform.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const api = Supergraph.build(readSupergraph()).apiSchema().toGraphQLJSSchema();

/** A value for a required argument below `countyReport` (a date inside the year asked). */
function argument(type: GraphQLInputType, name: string): string {
  const t = isNonNullType(type) ? type.ofType : type;
  if (isListType(t)) {
    return `[${argument(t.ofType, name)}]`;
  }
  if (isEnumType(t)) {
    return t.getValues()[0]!.name;
  }
  switch (getNamedType(t).name) {
    case 'Date':
      return name === 'from' ? '"2021-01-01"' : '"2021-06-30"';
    case 'Int':
      return /year/i.test(name) ? '2021' : '5';
    case 'Boolean':
      return 'false';
    default:
      throw new Error(`No value for argument ${name}: ${t.toString()} (add one to the walk)`);
  }
}

const MAX_DEPTH = 7;
/** Above this many characters a selection is asked field by field (the gateway's cost limit). */
const CHUNK = 3000;

interface Node {
  head: string;
  children: Node[] | null;
}
const render = (n: Node): string =>
  n.children ? `${n.head} { __typename ${n.children.map(render).join(' ')} }` : n.head;

/**
 * Every field of `type`, recursively: an object type is entered again only if it is not already on
 * the path (an insats' own year would lead back to the insats), and no deeper than MAX_DEPTH.
 */
function tree(type: GraphQLObjectType, path: string[], depth: number): Node[] {
  return Object.values(type.getFields()).flatMap((f: GraphQLField<unknown, unknown>): Node[] => {
    const args = f.args
      .filter((a) => isNonNullType(a.type) && a.defaultValue === undefined)
      .map((a) => `${a.name}: ${argument(a.type, a.name)}`);
    const head = args.length ? `${f.name}(${args.join(', ')})` : f.name;
    const named = getNamedType(f.type);
    if (isLeafType(named)) {
      return [{ head, children: null }];
    }
    if (!isObjectType(named) || path.includes(named.name) || depth >= MAX_DEPTH) {
      return [];
    }
    return [{ head, children: tree(named, [...path, named.name], depth + 1) }];
  });
}

/** The walk as queries small enough for the gateway: a large node is asked child by child. */
function split(node: Node, wrap: (inner: string) => string): string[] {
  const whole = render(node);
  if (whole.length <= CHUNK || !node.children) {
    return [wrap(whole)];
  }
  const inside = (inner: string) => wrap(`${node.head} { __typename ${inner} }`);
  const leaves = node.children.filter((c) => !c.children).map(render);
  return [
    ...(leaves.length ? [inside(leaves.join(' '))] : []),
    ...node.children.filter((c) => c.children).flatMap((c) => split(c, inside)),
  ];
}

const report = api.getQueryType()!.getFields().countyReport!;
const ROOT: Node = {
  head: `countyReport(forbundIds: ["${VASTERAS.id}", "${NORRA.id}"], year: 2021)`,
  children: tree(getNamedType(report.type) as GraphQLObjectType, ['Query', 'CountyReport'], 1),
};
const QUERIES = split(ROOT, (inner) => `{ ${inner} }`);
const WHOLE = render(ROOT);

interface GqlError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string };
}

/** Paths (a.b.0.c) of every null in `data`, below `at`. */
function nulls(value: unknown, at: (string | number)[]): string[] {
  if (value === null) {
    return [at.join('.')];
  }
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => nulls(v, [...at, i]));
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => nulls(v, [...at, k]));
  }
  return [];
}

/** Fields that may be null as an answer (the schema says so and why), not as a failure. */
function nullableAnswer(path: string): boolean {
  // Walk the schema along the path: a nullable leaf or object the schema documents as optional.
  let type = getNamedType(report.type) as GraphQLObjectType;
  const parts = path.split('.').slice(1);
  for (const [i, part] of parts.entries()) {
    if (/^\d+$/.test(part)) {
      continue;
    }
    const field = type.getFields()[part];
    if (!field) {
      return false;
    }
    if (i === parts.length - 1) {
      return !isNonNullType(field.type);
    }
    type = getNamedType(field.type) as GraphQLObjectType;
  }
  return false;
}

describe('every field reachable from countyReport, as the county analyst', () => {
  const answers: { query: string; data: any; errors: GqlError[] }[] = [];
  beforeAll(async () => {
    for (const query of QUERIES) {
      const res = await p.gql(query, { as: 'vastmanland-analyst' });
      answers.push({ query, data: res.data, errors: res.errors ?? [] });
    }
  }, 120_000);
  const errors = () => answers.flatMap((a) => a.errors);

  it('walks a selection that reaches staffing, finance, the profile and the förbund itself', () => {
    for (const field of [
      'staffing',
      'finance',
      'profile',
      'stepForwardShare',
      'exitsByOutcome',
      'supportBeforeAfter',
      'forbund { __typename',
    ]) {
      expect(WHOLE).toContain(field);
    }
    expect(QUERIES.length).toBeGreaterThan(1);
  });

  it('answers without an internal error, and every query reaches the report', () => {
    const internal = errors().filter((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR' || !e.extensions?.code);
    expect(internal).toEqual([]);
    const unanswered = answers.filter((a) => !a.data?.countyReport).map((a) => ({ q: a.query, e: a.errors }));
    expect(unanswered).toEqual([]);
  });

  it('has an error at the path of every null that is not a nullable answer', () => {
    const silent = answers.flatMap((a) => {
      if (!a.data?.countyReport) {
        return [`unanswered: ${a.query}`];
      }
      const errored = a.errors.map((e) => (e.path ?? []).join('.'));
      return nulls(a.data.countyReport, ['countyReport']).filter(
        (n) => !errored.some((e) => n === e || n.startsWith(`${e}.`)) && !nullableAnswer(n),
      );
    });
    expect(silent).toEqual([]);
  });

  it('names every insats under staffing and finance, without an error there', async () => {
    const res = await p.gql(
      `{ countyReport(forbundIds: ["${VASTERAS.id}", "${NORRA.id}"], year: 2021) { forbund { year {
        staffing { intervention { id name } } finance { interventions { intervention { id name } } } } } } }`,
      { as: 'vastmanland-analyst' },
    );
    expect(res.errors).toBeUndefined();
    const names = res.data.countyReport.forbund.flatMap((r: any) => [
      ...r.year.staffing.map((s: any) => s.intervention.name),
      ...r.year.finance.interventions.map((i: any) => i.intervention.name),
    ]);
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n: unknown) => typeof n === 'string' && n.length > 1)).toBe(true);
    expect(names).toContain('Samordningsteam Sala');
  });
});
