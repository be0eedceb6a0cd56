/**
 * Done means: bad input to the mutations gets a typed error naming the field, and nothing is
 * written. A platform administrator registers a förbund; a förbund administrator edits its own.
 */
import { codes, NORRA, startTestPlatform, type TestPlatform, VASTERAS } from './support/platform.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const RESULT = `
  __typename
  ... on Error { code message }
  ... on ValidationError { issues { path message } }
  ... on NotFoundError { path }
  ... on ConflictError { path }
`;
const CREATE = `mutation ($input: CreateForbundInput!) {
  createForbund(input: $input) {
    ${RESULT}
    ... on MutationCreateForbundSuccess {
      data { id name slug organisationNumber members { kind name scbCode shareBasisPoints } }
    }
  }
}`;
const UPDATE = `mutation ($input: UpdateForbundInput!) {
  updateForbund(input: $input) {
    ${RESULT}
    ... on MutationUpdateForbundSuccess {
      data { id name organisationNumber members { id kind name scbCode shareBasisPoints } }
    }
  }
}`;

const validInput = () => ({
  name: 'Samordningsförbundet Gävleborg (demo)',
  slug: 'gavleborg',
  organisationNumber: '2220000042',
  members: [
    { kind: 'FORSAKRINGSKASSAN', name: 'Försäkringskassan' },
    { kind: 'ARBETSFORMEDLINGEN', name: 'Arbetsförmedlingen' },
    { kind: 'REGION', name: 'Region Gävleborg', scbCode: '21' },
    { kind: 'KOMMUN', name: 'Gävle kommun', scbCode: '2180', shareBasisPoints: 1500 },
    { kind: 'KOMMUN', name: 'Sandvikens kommun', scbCode: '2181', shareBasisPoints: 1000 },
  ],
});

/** Everything in governance's tables, read as the superuser: what "nothing written" is checked against. */
function snapshot(): Promise<string> {
  return p.asSuperuser('governance', async (client) => {
    const f = await client.query('select id, name, slug, organisation_number, updated_at from forbund order by id');
    const m = await client.query(
      'select id, forbund_id, kind, name, scb_code, share_basis_points, position from forbund_member order by id',
    );
    return JSON.stringify([f.rows, m.rows]);
  });
}

describe('createForbund', () => {
  it('registers a new förbund for a platform administrator, normalising the organisation number', async () => {
    const res = await p.gql(CREATE, { as: 'platform-admin', variables: { input: validInput() } });
    expect(res.errors).toBeUndefined();
    const created = res.data.createForbund;
    expect(created.__typename).toBe('MutationCreateForbundSuccess');
    expect(created.data).toMatchObject({
      name: 'Samordningsförbundet Gävleborg (demo)',
      slug: 'gavleborg',
      organisationNumber: '222000-0042',
    });
    expect(created.data.members.map((m: any) => m.scbCode)).toEqual([null, null, '21', '2180', '2181']);
    const list = await p.gql('{ forbunds { edges { node { slug } } } }', { as: 'platform-admin' });
    expect(list.data.forbunds.edges.map((e: any) => e.node.slug)).toContain('gavleborg');
  });

  const bad: [string, (input: any) => void, string[], RegExp][] = [
    [
      'two Försäkringskassan members',
      (i) => i.members.push({ kind: 'FORSAKRINGSKASSAN', name: 'FK igen' }),
      ['input', 'members'],
      /exactly one Försäkringskassan member \(found 2\)/,
    ],
    [
      'no Arbetsförmedlingen',
      (i) => i.members.splice(1, 1),
      ['input', 'members'],
      /exactly one Arbetsförmedlingen member \(found 0\)/,
    ],
    ['no kommun', (i) => i.members.splice(3, 2), ['input', 'members'], /at least one kommun/],
    [
      'kommun shares summing to 24 %',
      (i) => (i.members[4].shareBasisPoints = 900),
      ['input', 'members'],
      /sum to 24\.00 %; together they must be 25\.00 %/,
    ],
    [
      'a malformed kommun code',
      (i) => (i.members[3].scbCode = '218'),
      ['input', 'members', '3', 'scbCode'],
      /4-digit SCB kommunkod/,
    ],
    [
      "a kommun outside the region's län",
      (i) => (i.members[4].scbCode = '1980'),
      ['input', 'members', '4', 'scbCode'],
      /not in the region's län 21/,
    ],
    [
      'the same kommun twice',
      (i) => (i.members[4].scbCode = '2180'),
      ['input', 'members', '4', 'scbCode'],
      /listed twice/,
    ],
    [
      'a share on the region',
      (i) => (i.members[2].shareBasisPoints = 2500),
      ['input', 'members', '2', 'shareBasisPoints'],
      /set by law/,
    ],
    [
      'a region without länskod',
      (i) => (i.members[2].scbCode = null),
      ['input', 'members', '2', 'scbCode'],
      /2-digit SCB länskod/,
    ],
    [
      'an organisation number with a wrong check digit',
      (i) => (i.organisationNumber = '222000-0043'),
      ['input', 'organisationNumber'],
      /check digit/,
    ],
    ['a slug with capitals', (i) => (i.slug = 'Gävle'), ['input', 'slug'], /lower-case/],
    ['an empty name', (i) => (i.name = ' '), ['input', 'name'], /required/],
  ];

  it.each(bad)('rejects %s with a typed error at the field, writing nothing', async (_name, spoil, path, message) => {
    const before = await snapshot();
    const input = validInput();
    input.slug = `new-${Math.random().toString(36).slice(2, 8)}`;
    spoil(input);
    const res = await p.gql(CREATE, { as: 'platform-admin', variables: { input } });
    expect(res.errors).toBeUndefined();
    const result = res.data.createForbund;
    expect(result.__typename).toBe('ValidationError');
    expect(result.code).toBe('VALIDATION');
    expect(result.issues).toContainEqual({ path, message: expect.stringMatching(message) });
    expect(await snapshot()).toBe(before);
  });

  it('refuses a slug that is taken with a ConflictError at the field, writing nothing', async () => {
    const before = await snapshot();
    const res = await p.gql(CREATE, {
      as: 'platform-admin',
      variables: { input: { ...validInput(), slug: VASTERAS.slug } },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data.createForbund).toMatchObject({
      __typename: 'ConflictError',
      code: 'CONFLICT',
      path: ['input', 'slug'],
      message: `Slug "${VASTERAS.slug}" is taken`,
    });
    expect(await snapshot()).toBe(before);
  });

  it('is refused for a förbund administrator, writing nothing', async () => {
    const before = await snapshot();
    const res = await p.gql(CREATE, {
      as: 'vasteras-admin',
      variables: { input: { ...validInput(), slug: 'sneaky' } },
    });
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(await snapshot()).toBe(before);
  });

  it('is refused for a county analyst', async () => {
    const res = await p.gql(CREATE, {
      as: 'county-analyst',
      variables: { input: { ...validInput(), slug: 'analyst' } },
    });
    expect(codes(res)).toEqual(['FORBIDDEN']);
  });
});

describe('updateForbund', () => {
  async function ownMembers(user: string) {
    const res = await p.gql('{ forbund { members { id kind name scbCode shareBasisPoints } } }', { as: user });
    return res.data.forbund.members as {
      id: string;
      kind: string;
      name: string;
      scbCode: string | null;
      shareBasisPoints: number | null;
    }[];
  }

  it('lets a förbund administrator rename its own förbund; ids of kept members stay', async () => {
    const members = await ownMembers('sodra-dalarna-admin');
    // Avesta takes over a point from Hedemora: shares still 25 %.
    const changed = members.map((m) =>
      m.scbCode === '2084'
        ? { ...m, shareBasisPoints: 1200 }
        : m.scbCode === '2083'
          ? { ...m, shareBasisPoints: 700 }
          : m,
    );
    const res = await p.gql(UPDATE, {
      as: 'sodra-dalarna-admin',
      variables: { input: { name: 'Södra Dalarnas Samordningsförbund (nytt namn)', members: changed } },
    });
    expect(res.errors).toBeUndefined();
    const data = res.data.updateForbund.data;
    expect(data.name).toBe('Södra Dalarnas Samordningsförbund (nytt namn)');
    expect(data.members.map((m: any) => m.id)).toEqual(members.map((m) => m.id));
    expect(data.members.find((m: any) => m.scbCode === '2084').shareBasisPoints).toBe(1200);
  });

  it('adds and removes kommuner, keeping the shares lawful', async () => {
    const members = await ownMembers('vasteras-admin');
    const withoutKommun = members.filter((m) => m.kind !== 'KOMMUN');
    const vasteras = members.find((m) => m.kind === 'KOMMUN')!;
    const input = {
      members: [
        ...withoutKommun,
        { ...vasteras, shareBasisPoints: 2000 },
        { kind: 'KOMMUN', name: 'Surahammars kommun', scbCode: '1907', shareBasisPoints: 500 },
      ],
    };
    const res = await p.gql(UPDATE, { as: 'vasteras-admin', variables: { input } });
    expect(res.data.updateForbund.__typename).toBe('MutationUpdateForbundSuccess');
    const after = await ownMembers('vasteras-admin');
    expect(after.filter((m) => m.kind === 'KOMMUN').map((m) => [m.scbCode, m.shareBasisPoints])).toEqual([
      ['1980', 2000],
      ['1907', 500],
    ]);
    // Back to one kommun: the second is removed.
    const back = await p.gql(UPDATE, {
      as: 'vasteras-admin',
      variables: { input: { members: [...withoutKommun, { ...vasteras, shareBasisPoints: 2500 }] } },
    });
    expect(back.data.updateForbund.data.members).toHaveLength(4);
  });

  it('rejects an unlawful share split without writing anything', async () => {
    const before = await snapshot();
    const members = await ownMembers('norra-vastmanland-admin');
    const spoiled = members.map((m) => (m.scbCode === '1981' ? { ...m, shareBasisPoints: 900 } : m));
    const res = await p.gql(UPDATE, {
      as: 'norra-vastmanland-admin',
      variables: { input: { name: 'Nytt namn', members: spoiled } },
    });
    expect(res.data.updateForbund.__typename).toBe('ValidationError');
    expect(res.data.updateForbund.issues).toEqual([
      { path: ['input', 'members'], message: expect.stringMatching(/sum to 26\.00 %/) },
    ]);
    expect(await snapshot()).toBe(before);
  });

  it('refuses a member id from another förbund, writing nothing', async () => {
    const before = await snapshot();
    const norraFk = (await ownMembers('norra-vastmanland-admin')).find((m) => m.kind === 'FORSAKRINGSKASSAN')!;
    const members = (await ownMembers('vasteras-admin')).map((m) =>
      m.kind === 'FORSAKRINGSKASSAN' ? { ...m, id: norraFk.id } : m,
    );
    const res = await p.gql(UPDATE, { as: 'vasteras-admin', variables: { input: { members } } });
    expect(res.data.updateForbund.__typename).toBe('ValidationError');
    expect(res.data.updateForbund.issues).toEqual([
      { path: ['input', 'members', '0', 'id'], message: expect.stringMatching(/not a member of your förbund/) },
    ]);
    expect(await snapshot()).toBe(before);
  });

  it('rejects a bad organisation number naming the field', async () => {
    const res = await p.gql(UPDATE, { as: 'vasteras-admin', variables: { input: { organisationNumber: '12345' } } });
    expect(res.data.updateForbund.issues).toEqual([
      { path: ['input', 'organisationNumber'], message: expect.stringMatching(/10 digits/) },
    ]);
  });

  it('is refused for a board member and for a platform administrator (who has no förbund)', async () => {
    for (const user of ['vasteras-board', 'platform-admin']) {
      const res = await p.gql(UPDATE, { as: user, variables: { input: { name: 'Nope' } } });
      expect(codes(res)).toEqual(['FORBIDDEN']);
    }
    const res = await p.gql('{ forbund { name } }', { as: 'vasteras-admin' });
    expect(res.data.forbund.name).toBe(VASTERAS.name);
  });

  it('never lets input choose the förbund: there is no id to give', async () => {
    const res = await p.gql(`mutation { updateForbund(input: { name: "x" }, id: "${NORRA.id}") { __typename } }`, {
      as: 'vasteras-admin',
    });
    expect(codes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});
