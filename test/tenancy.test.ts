/**
 * Done means: a förbund admin of Västerås reads its own förbund and cannot read Norra
 * Västmanland's by any query or by `_entities`; `forbunds` is refused for it.
 */
import { DEMO_BOARD_ROUNDS, DEMO_ROUNDS } from '@finsam/indicators/demo/surveys.js';
import {
  codes,
  DEMO_INTERVENTION_IDS,
  NORRA,
  SODRA,
  startTestPlatform,
  type TestPlatform,
  VASTERAS,
} from './support/platform.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const ENTITIES = `query ($reps: [_Any!]!) {
  _entities(representations: $reps) { ... on Forbund { id name members { name } } }
}`;

describe('a förbund administrator', () => {
  it('reads its own förbund with its members', async () => {
    const res = await p.gql(
      `{ forbund { id name organisationNumber kommuner { name scbCode sharePercent } } me { forbund { id } roles } }`,
      { as: 'vasteras-admin' },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.forbund).toEqual({
      id: VASTERAS.id,
      name: 'Samordningsförbundet Västerås',
      organisationNumber: '222000-0018',
      kommuner: [{ name: 'Västerås stad', scbCode: '1980', sharePercent: '25.00' }],
    });
    expect(res.data.me).toEqual({ forbund: { id: VASTERAS.id }, roles: ['FORBUND_ADMIN'] });
  });

  it('sees the kommun shares of its own förbund as agreed', async () => {
    const res = await p.gql(`{ forbund { kommuner { name sharePercent } } }`, { as: 'sodra-dalarna-admin' });
    expect(res.data.forbund.kommuner).toEqual([
      { name: 'Avesta kommun', sharePercent: '11.00' },
      { name: 'Hedemora kommun', sharePercent: '8.00' },
      { name: 'Säters kommun', sharePercent: '6.00' },
    ]);
  });

  it('is refused the list of all förbund', async () => {
    const res = await p.gql(`{ forbunds { edges { node { id name } } } }`, { as: 'vasteras-admin' });
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(res.data).toBeNull();
  });

  it('cannot ask the gateway for entities: `_entities` is not part of the public graph', async () => {
    const res = await p.gql(ENTITIES, {
      as: 'vasteras-admin',
      variables: { reps: [{ __typename: 'Forbund', id: NORRA.id }] },
    });
    expect(res.data).toBeUndefined();
    expect(new Set(codes(res))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
    expect(JSON.stringify(res)).not.toContain('Norra');
  });

  it('gets nothing of another förbund through `_entities`, even with a valid gateway token', async () => {
    // As if the gateway planned an entity fetch for Västerås' admin that names Norra's id.
    const token = await p.internalToken(
      { sub: 'demo:vasteras-admin', tenant: VASTERAS.id, roles: ['forbund_admin'] },
      'governance',
    );
    const res = await p.post(p.subgraphUrls.governance!, ENTITIES, {
      headers: { authorization: `Bearer ${token}` },
      variables: {
        reps: [
          { __typename: 'Forbund', id: NORRA.id },
          { __typename: 'Forbund', id: VASTERAS.id },
        ],
      },
    });
    expect(res.data._entities).toEqual([null, { id: VASTERAS.id, name: VASTERAS.name, members: expect.any(Array) }]);
    expect(JSON.stringify(res)).not.toContain('Norra');
  });

  it('cannot pick another tenant with a header', async () => {
    const res = await p.gql(`{ forbund { id } }`, {
      as: 'vasteras-admin',
      headers: { 'x-tenant-id': NORRA.id, 'x-forbund-id': NORRA.id, tenant: NORRA.id },
    });
    expect(res.data.forbund.id).toBe(VASTERAS.id);
  });
});

describe('cross-förbund roles', () => {
  it('a county analyst lists every förbund', async () => {
    const res = await p.gql(`{ forbunds { edges { node { slug kommuner { scbCode } } } } }`, { as: 'county-analyst' });
    expect(res.errors).toBeUndefined();
    expect(res.data.forbunds.edges.map((e: any) => e.node.slug).sort()).toEqual(
      [NORRA.slug, SODRA.slug, VASTERAS.slug].sort(),
    );
  });

  it('a county analyst has no förbund of its own', async () => {
    const res = await p.gql(`{ forbund { id } me { forbund { id } } }`, { as: 'county-analyst' });
    expect(codes(res)).toEqual(['FORBIDDEN']);
  });

  it('a board member reads its own förbund only', async () => {
    const own = await p.gql(`{ forbund { slug } }`, { as: 'norra-vastmanland-board' });
    expect(own.data.forbund.slug).toBe(NORRA.slug);
    const all = await p.gql(`{ forbunds { edges { node { slug } } } }`, { as: 'norra-vastmanland-board' });
    expect(codes(all)).toEqual(['FORBIDDEN']);
  });
});

describe('teams', () => {
  const { HALLSTAHAMMAR, VASTERAS_TEAM } = DEMO_INTERVENTION_IDS;

  it('root fields show a förbund admin its own insatser only', async () => {
    const res = await p.gql(
      `{
        interventions { edges { node { id name } } }
        hallsta: intervention(id: "${HALLSTAHAMMAR}") { id }
        own: intervention(id: "${VASTERAS_TEAM}") { id }
      }`,
      { as: 'vasteras-admin' },
    );
    const ids = res.data.interventions.edges.map((e: any) => e.node.id);
    expect(ids).toContain(VASTERAS_TEAM);
    expect(ids).not.toContain(HALLSTAHAMMAR);
    expect(res.data.hallsta).toBeNull();
    expect(res.data.own).toEqual({ id: VASTERAS_TEAM });
    expect(JSON.stringify(res)).not.toMatch(/Sala|Hallstahammar|FNS|Surahammar/);
  });

  it('`_entities` on teams gives nothing of another förbund: not its insatser, not its list', async () => {
    const token = await p.internalToken(
      { sub: 'demo:vasteras-admin', tenant: VASTERAS.id, roles: ['forbund_admin'] },
      'teams',
    );
    const res = await p.post(
      p.subgraphUrls.teams!,
      `query ($reps: [_Any!]!) {
        _entities(representations: $reps) { ... on Intervention { id name } ... on Forbund { interventions { id } } }
      }`,
      {
        headers: { authorization: `Bearer ${token}` },
        variables: {
          reps: [
            { __typename: 'Intervention', id: HALLSTAHAMMAR },
            { __typename: 'Forbund', id: NORRA.id },
            { __typename: 'Intervention', id: VASTERAS_TEAM },
          ],
        },
      },
    );
    expect(res.data._entities[0]).toBeNull();
    expect(res.data._entities[1]).toEqual({ interventions: [] });
    expect(res.data._entities[2]).toEqual({ id: VASTERAS_TEAM, name: 'Samordningsteamet Västerås' });
  });
});

describe('governance records', () => {
  it('root fields give a förbund its own bodies and avvikelser only', async () => {
    const norra = await p.gql('{ bodies { id name intervention { id } } avvikelser { id } }', {
      as: 'norra-vastmanland-admin',
    });
    const vasteras = await p.gql('{ bodies { id name intervention { id } } avvikelser { id } }', {
      as: 'vasteras-admin',
    });
    expect(norra.data.avvikelser.length).toBeGreaterThan(0);
    expect(vasteras.data.avvikelser).toEqual([]);
    const norraIds = new Set(norra.data.bodies.map((b: any) => b.id));
    expect(vasteras.data.bodies.filter((b: any) => norraIds.has(b.id))).toEqual([]);
    expect(JSON.stringify(vasteras.data)).not.toMatch(/Hallstahammar|Sala|FNS/);
  });
});

describe('indicators', () => {
  const { HALLSTAHAMMAR } = DEMO_INTERVENTION_IDS;
  const NORRA_ROUND = DEMO_ROUNDS[1]!.id;

  it("root fields show a förbund admin none of another förbund's survey rounds", async () => {
    const res = await p.gql(
      `{
        surveyRounds { id }
        norra: surveyRound(id: "${NORRA_ROUND}") { id results { respondents } }
        instruments { id }
      }`,
      { as: 'vasteras-admin' },
    );
    expect(res.errors).toBeUndefined();
    // Only Västerås' own rounds (its demo board round), none of Norra Västmanland's.
    const vasteras = [...DEMO_ROUNDS, ...DEMO_BOARD_ROUNDS].filter((r) => r.forbund === 'vasteras').map((r) => r.id);
    expect(res.data.surveyRounds.map((r: { id: string }) => r.id).sort()).toEqual(vasteras.sort());
    expect(res.data.norra).toBeNull();
    expect(res.data.instruments.length).toBeGreaterThan(0); // national, the same for every förbund
    const own = await p.gql(`{ surveyRounds { id } }`, { as: 'norra-vastmanland-admin' });
    expect(own.data.surveyRounds.map((r: any) => r.id)).toContain(NORRA_ROUND);
  });

  it("`_entities` on indicators gives no results of another förbund's insats", async () => {
    const query = `query ($reps: [_Any!]!) {
      _entities(representations: $reps) { ... on Intervention { id indicatorResults { respondents } } }
    }`;
    const variables = { reps: [{ __typename: 'Intervention', id: HALLSTAHAMMAR }] };
    const vasteras = await p.internalToken(
      { sub: 'demo:vasteras-admin', tenant: VASTERAS.id, roles: ['forbund_admin'] },
      'indicators',
    );
    const res = await p.post(p.subgraphUrls.indicators!, query, {
      headers: { authorization: `Bearer ${vasteras}` },
      variables,
    });
    expect(res.errors).toBeUndefined();
    expect(res.data._entities).toEqual([{ id: HALLSTAHAMMAR, indicatorResults: [] }]);
    // The same probe as Norra's admin does see them, so the probe can fail.
    const norra = await p.internalToken(
      { sub: 'demo:norra-vastmanland-admin', tenant: NORRA.id, roles: ['forbund_admin'] },
      'indicators',
    );
    const own = await p.post(p.subgraphUrls.indicators!, query, {
      headers: { authorization: `Bearer ${norra}` },
      variables,
    });
    expect(own.data._entities[0].indicatorResults.length).toBeGreaterThan(0);
  });
});

describe('finance', () => {
  const { SALA, VASTERAS_TEAM } = DEMO_INTERVENTION_IDS;

  it("root fields show a förbund admin its own förbund's money only", async () => {
    const res = await p.gql(
      `{
        financialStatement(year: 2021) { used interventions { intervention { id } } }
        requisitions(year: 2021) { id intervention { id } }
        forbund { budget(year: 2022) { income } }
      }`,
      { as: 'vasteras-admin' },
    );
    expect(res.errors).toBeUndefined();
    // Norra Västmanland has 2021 figures; Västerås has none of its own that year.
    expect(res.data.financialStatement).toEqual({ used: 0, interventions: [] });
    expect(res.data.requisitions).toEqual([]);
    expect(res.data.forbund.budget.income).toBe(10_996_000);
    const norra = await p.gql(`{ financialStatement(year: 2021) { used } forbund { budget(year: 2022) { income } } }`, {
      as: 'norra-vastmanland-admin',
    });
    expect(norra.data.financialStatement.used).toBe(5_074_798);
    expect(norra.data.forbund.budget).toBeNull();
  });

  it("`_entities` on finance gives nothing of another förbund: not its insatser' money, not its budget", async () => {
    const token = await p.internalToken(
      { sub: 'demo:vasteras-admin', tenant: VASTERAS.id, roles: ['forbund_admin'] },
      'finance',
    );
    const res = await p.post(
      p.subgraphUrls.finance!,
      `query ($reps: [_Any!]!) { _entities(representations: $reps) {
        ... on Intervention {
          id allocation(year: 2021) { amount } requisitions(year: 2021) { id }
          budgetUsage(year: 2021) { allocated used }
        }
        ... on Forbund {
          budget(year: 2022) { income } financialStatement(year: 2021) { used interventions { used } }
        } } }`,
      {
        headers: { authorization: `Bearer ${token}` },
        variables: {
          reps: [
            { __typename: 'Intervention', id: SALA },
            { __typename: 'Forbund', id: NORRA.id },
            { __typename: 'Forbund', id: VASTERAS.id },
            { __typename: 'Intervention', id: VASTERAS_TEAM },
          ],
        },
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data._entities[0]).toEqual({
      id: SALA,
      allocation: null,
      requisitions: [],
      budgetUsage: { allocated: 0, used: 0 },
    });
    expect(res.data._entities[1]).toEqual({ budget: null, financialStatement: { used: 0, interventions: [] } });
    expect(res.data._entities[2].budget).toEqual({ income: 10_996_000 });
    expect(res.data._entities[3]).toEqual({
      id: VASTERAS_TEAM,
      allocation: null,
      requisitions: [],
      budgetUsage: { allocated: 0, used: 0 },
    });
  });
});
