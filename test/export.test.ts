/**
 * Done means: the Uppföljning Finsam CSV for Norra Västmanland 2021 has one row per insats with
 * counts by kön and the budget columns, and matches the graph's figures.
 */
import { SUPPRESSED_CELL, UPPFOLJNING_COLUMNS, UPPFOLJNING_FINSAM } from '@finsam/gateway/export.js';
import { parse as parseCsv } from 'csv-parse/sync';
import { startTestPlatform, type TestPlatform } from './support/platform.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

const url = (file: string) => p.gatewayUrl.replace(/\/graphql$/, `/export/uppfoljning-finsam/${file}`);
const fetchAs = async (file: string, user?: string) =>
  fetch(url(file), { headers: user ? { authorization: `Bearer ${await p.token(user)}` } : {} });

/** The file as a Swedish spreadsheet reads it: BOM, `;` between cells (csv-parse, the reader of the import). */
const parse = (csv: string): Record<string, string>[] => parseCsv(csv, { bom: true, delimiter: ';', columns: true });

it('gives Norra Västmanland 2021 one row per insats, equal to the graph', async () => {
  const res = await fetchAs('2021.csv', 'norra-vastmanland-admin');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/csv/);
  const rows = parse(await res.text());
  expect(Object.keys(rows[0]!)).toEqual([...UPPFOLJNING_COLUMNS]);

  const graph = (await p.gql(UPPFOLJNING_FINSAM, { as: 'norra-vastmanland-admin', variables: { year: 2021 } })).data
    .forbund.year;
  const ids = new Set<string>([
    ...graph.participants.interventions.map((i: any) => i.intervention.id),
    ...graph.finance.interventions.map((i: any) => i.intervention.id),
    ...graph.structuralAttendees.map((i: any) => i.intervention.id),
  ]);
  expect(rows.map((r) => r.intervention_id).sort()).toEqual([...ids].sort());

  // Counts as the graph publishes them; a suppressed one as `..`, never 0 or empty.
  const cell = (c: { suppressed: boolean; value: number | null }) => (c.suppressed ? SUPPRESSED_CELL : String(c.value));
  for (const figures of graph.participants.interventions) {
    const row = rows.find((r) => r.intervention_id === figures.intervention.id)!;
    expect(row.participants_total).toBe(cell(figures.total));
    for (const k of ['KVINNA', 'MAN', 'UNKNOWN']) {
      const byKon = figures.totalByKon.find((c: any) => c.key === k);
      expect(row[`participants_${k.toLowerCase()}`]).toBe(byKon ? cell(byKon.count) : '0');
    }
    const kon = ['kvinna', 'man', 'unknown'].map((k) => row[`participants_${k}`]!);
    if (!kon.includes(SUPPRESSED_CELL) && row.participants_total !== SUPPRESSED_CELL) {
      expect(kon.reduce((a, k) => a + Number(k), 0)).toBe(Number(row.participants_total));
    }
  }
  // Sala's 42 participants in 2021 are many enough to publish exactly.
  expect(rows.find((r) => r.intervention === 'Samordningsteam Sala')!.participants_total).not.toBe(SUPPRESSED_CELL);
  for (const money of graph.finance.interventions) {
    const row = rows.find((r) => r.intervention_id === money.intervention.id)!;
    expect([Number(row.allocated), Number(row.used), Number(row.differens)]).toEqual([
      money.allocated,
      money.used,
      money.differens,
    ]);
  }
  const sala = rows.find((r) => r.intervention === 'Samordningsteam Sala')!;
  expect(sala).toMatchObject({
    inriktning: 'individinriktad',
    allocated: '1590000',
    used: '1535642',
    forbund: 'Norra Västmanlands Samordningsförbund',
  });
  // The förbund's allotted funds are its budget's contributions: Norra has no 2021 budget in the demo, so the
  // figure is unknown (`..`), not the sum of its insatser's allocations (issue 19).
  expect(rows.every((r) => r.forbund_allocated === SUPPRESSED_CELL)).toBe(true);
});

it('is for the förbund’s own users: no token 401, the county analyst 403, a bad name 400', async () => {
  expect((await fetchAs('2021.csv')).status).toBe(401);
  expect((await fetchAs('2021.csv', 'county-analyst')).status).toBe(403);
  expect((await fetchAs('2021.xlsx', 'norra-vastmanland-admin')).status).toBe(400);
  const other = parse(await (await fetchAs('2021.csv', 'vasteras-admin')).text());
  expect(other.some((r) => r.intervention === 'Samordningsteam Sala')).toBe(false);
});
