/**
 * The county analyst's start page: the förbund of their county side by side for a year, under disclosure
 * control — a withheld cell reads "— (dold)", never 0, in the tables and in the charts beside them — and the same
 * figures as a CSV file. Not the förbund's own Uppföljning Finsam file: that one counts per insats by kön without
 * suppression, which the county level never sees (docs/decisions.md).
 */
import { useState } from 'react';
import { useQuery } from 'urql';
import { BarChart } from '../components/BarChart.js';
import { saveFile } from '../components/Download.js';
import { ResultNotice } from '../components/ResultNotice.js';
import { Disclosed, drawn, type Figure } from '../components/Suppressed.js';
import { YearPicker } from '../components/YearPicker.js';
import { graphql } from '../gql/index.js';
import { CountyFigures } from './CountyFigures.js';

const CountyForbundQuery = graphql(`
  query CountyForbund {
    forbunds(first: 100) {
      edges {
        node {
          id
          name
          kommuner {
            scbCode
            name
          }
        }
      }
    }
  }
`);

const CountyReportQuery = graphql(`
  query CountyReport($ids: [ID!]!, $year: Int!) {
    countyReport(forbundIds: $ids, year: $year) {
      threshold
      forbund {
        year {
          forbundId
          finance {
            allocated
            used
            closingEquity
          }
        }
        totalByKon {
          key
          count {
            ...DisclosedCountFields
          }
        }
        exitsByOutcome {
          key
          count {
            ...DisclosedCountFields
          }
        }
        stepForward {
          ...DisclosedCountFields
        }
        stepForwardShare {
          ...DisclosedAverageFields
        }
        profile {
          averageAge {
            ...DisclosedAverageFields
          }
          persons {
            ...DisclosedCountFields
          }
          participations {
            ...DisclosedCountFields
          }
        }
        new {
          ...DisclosedCountFields
        }
        total {
          ...DisclosedCountFields
        }
        exited {
          ...DisclosedCountFields
        }
        newByHemkommun {
          scbCode
          new {
            ...DisclosedCountFields
          }
        }
      }
      totals {
        totalByKon {
          key
          count {
            ...DisclosedCountFields
          }
        }
        exitsByOutcome {
          key
          count {
            ...DisclosedCountFields
          }
        }
        stepForward {
          ...DisclosedCountFields
        }
        stepForwardShare {
          ...DisclosedAverageFields
        }
        profile {
          averageAge {
            ...DisclosedAverageFields
          }
          persons {
            ...DisclosedCountFields
          }
          participations {
            ...DisclosedCountFields
          }
        }
        new {
          ...DisclosedCountFields
        }
        total {
          ...DisclosedCountFields
        }
        exited {
          ...DisclosedCountFields
        }
      }
    }
  }
`);

/** A figure in the CSV: ".." when withheld (SCB's sign, as the gateway's export writes it), never 0. */
const csvFigure = (f: Figure | null) => (f === null ? '' : f.suppressed ? '..' : String(f.value ?? ''));
/** A CSV cell: quoted when it holds a comma, a quote or a line break. */
const csvCell = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

const COUNTY_CSV_COLUMNS = ['niva', 'forbund', 'hemkommun', 'ar', 'nya', 'totalt', 'avslutade'];

/**
 * The county's figures of a year as one CSV table, a row per förbund, per förbund and hemkommun (new only), and
 * the county's totals (`niva`: forbund, hemkommun, lan).
 */
function countyCsv(
  county: { forbund: CountyRow[]; totals: { new: Figure; total: Figure; exited: Figure } },
  names: Map<string, { name: string; kommuner: { scbCode: string | null; name: string }[] }>,
  year: number,
): string {
  const rows: string[][] = [COUNTY_CSV_COLUMNS];
  for (const row of county.forbund) {
    const forbund = names.get(row.year.forbundId);
    const name = forbund?.name ?? row.year.forbundId;
    rows.push(['forbund', name, '', String(year), ...[row.new, row.total, row.exited].map(csvFigure)]);
    const kommun = new Map(forbund?.kommuner.map((k) => [k.scbCode, k.name]) ?? []);
    for (const cell of row.newByHemkommun) {
      const where = kommun.get(cell.scbCode) ?? cell.scbCode;
      rows.push(['hemkommun', name, where, String(year), csvFigure(cell.new), '', '']);
    }
  }
  const { totals } = county;
  rows.push(['lan', '', '', String(year), ...[totals.new, totals.total, totals.exited].map(csvFigure)]);
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

interface CountyRow {
  year: { forbundId: string };
  new: Figure;
  total: Figure;
  exited: Figure;
  newByHemkommun: { scbCode: string; new: Figure }[];
}

export function CountyStart({ initialYear }: { initialYear: number }) {
  const [year, setYear] = useState(initialYear);
  const [list] = useQuery({ query: CountyForbundQuery });
  const forbunds = list.data?.forbunds.edges.map((e) => e.node) ?? [];
  const ids = forbunds.map((f) => f.id);
  const [report] = useQuery({ query: CountyReportQuery, variables: { ids, year }, pause: ids.length === 0 });
  const byId = new Map(forbunds.map((f) => [f.id, f]));
  const county = report.data?.countyReport;
  // While another year loads, the figures on screen are still the last answer's.
  const shownYear = county && report.operation ? report.operation.variables.year : year;
  return (
    <>
      <h2>Länets förbund</h2>
      <YearPicker year={year} onChange={setYear} label="År" />
      <ResultNotice error={list.error} partial={Boolean(list.data)} />
      <ResultNotice error={report.error} partial={Boolean(report.data)} />
      {(list.fetching || report.fetching) && !county ? <p>Hämtar …</p> : null}
      {county ? (
        <>
          <p>
            Uppgifter om färre än {county.threshold} personer, och sådana som kan räknas fram ur dem, visas som{' '}
            <q>— (dold)</q>.
          </p>
          <div className="download">
            <button
              type="button"
              onClick={() =>
                saveFile(
                  new Blob([countyCsv(county, byId, shownYear)], { type: 'text/csv;charset=utf-8' }),
                  `lanet-${shownYear}.csv`,
                )
              }
            >
              {`Ladda ner länets siffror ${shownYear} (CSV)`}
            </button>
          </div>
          <BarChart
            title={`Deltagare totalt och nya ${shownYear} per förbund`}
            valueName="totalt"
            compareName="nya"
            bars={county.forbund.map((row) => ({
              label: byId.get(row.year.forbundId)?.name ?? row.year.forbundId,
              value: drawn(row.total),
              compare: drawn(row.new),
            }))}
          />
          <table>
            <caption>Deltagare {shownYear} per förbund</caption>
            <thead>
              <tr>
                <th scope="col">Förbund</th>
                <th scope="col">Nya</th>
                <th scope="col">Totalt</th>
                <th scope="col">Avslutade</th>
              </tr>
            </thead>
            <tbody>
              {county.forbund.map((row) => (
                <tr key={row.year.forbundId}>
                  <th scope="row">{byId.get(row.year.forbundId)?.name ?? row.year.forbundId}</th>
                  <td className="num">
                    <Disclosed figure={row.new} />
                  </td>
                  <td className="num">
                    <Disclosed figure={row.total} />
                  </td>
                  <td className="num">
                    <Disclosed figure={row.exited} />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Länet</th>
                <td className="num">
                  <Disclosed figure={county.totals.new} />
                </td>
                <td className="num">
                  <Disclosed figure={county.totals.total} />
                </td>
                <td className="num">
                  <Disclosed figure={county.totals.exited} />
                </td>
              </tr>
            </tfoot>
          </table>
          <CountyFigures
            year={shownYear}
            rows={county.forbund}
            totals={county.totals}
            nameOf={(id) => byId.get(id)?.name ?? id}
          />
          {county.forbund.map((row) => {
            const forbund = byId.get(row.year.forbundId);
            const kommun = new Map(forbund?.kommuner.map((k) => [k.scbCode, k.name]) ?? []);
            if (row.newByHemkommun.length === 0) {
              return null;
            }
            return (
              <section key={row.year.forbundId} aria-label={forbund?.name ?? row.year.forbundId}>
                <BarChart
                  title={`Nya deltagare ${shownYear} per hemkommun – ${forbund?.name ?? row.year.forbundId}`}
                  bars={row.newByHemkommun.map((cell) => ({
                    label: kommun.get(cell.scbCode) ?? cell.scbCode,
                    value: drawn(cell.new),
                  }))}
                />
                <table>
                  <caption>
                    Nya deltagare {shownYear} per hemkommun – {forbund?.name ?? row.year.forbundId}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Hemkommun</th>
                      <th scope="col">Nya</th>
                    </tr>
                  </thead>
                  <tbody>
                    {row.newByHemkommun.map((cell) => (
                      <tr key={cell.scbCode}>
                        <th scope="row">{kommun.get(cell.scbCode) ?? cell.scbCode}</th>
                        <td className="num">
                          <Disclosed figure={cell.new} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            );
          })}
        </>
      ) : null}
    </>
  );
}
