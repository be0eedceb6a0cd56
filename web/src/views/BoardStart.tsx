/**
 * The board's start page: the Årsrapport's tables for a chosen year — participants per hemkommun with the year
 * before, exits by outcome, and the budget per insats.
 */
import { useState } from 'react';
import { useQuery } from 'urql';
import { ResultNotice } from '../components/ResultNotice.js';
import { Disclosed } from '../components/Suppressed.js';
import { YearPicker } from '../components/YearPicker.js';
import { graphql } from '../gql/index.js';
import { formatKronor, OUTCOME } from '../labels.js';

const YearReportQuery = graphql(`
  query YearReport($year: Int!) {
    forbund {
      id
      name
      kommuner {
        scbCode
        name
      }
      year(year: $year) {
        participants {
          new {
            suppressed
            value
          }
          total {
            suppressed
            value
          }
          hemkommuner {
            scbCode
            new {
              suppressed
              value
            }
            total {
              suppressed
              value
            }
            newPreviousYear {
              suppressed
              value
            }
            totalPreviousYear {
              suppressed
              value
            }
          }
          interventions {
            intervention {
              id
            }
            exitsByOutcome {
              key
              count {
                suppressed
                value
              }
            }
          }
        }
        finance {
          allocated
          used
          differens
          interventions {
            intervention {
              id
              name
            }
            allocated
            used
            differens
          }
        }
      }
    }
  }
`);

export function BoardStart({ initialYear }: { initialYear: number }) {
  const [year, setYear] = useState(initialYear);
  const [{ data, error, fetching }] = useQuery({ query: YearReportQuery, variables: { year } });
  const forbund = data?.forbund;
  const kommun = new Map(forbund?.kommuner.map((k) => [k.scbCode, k.name]) ?? []);
  const participants = forbund?.year.participants;
  const finance = forbund?.year.finance;
  // Exits per outcome over every insats: a sum with a withheld part is withheld too, never a partial sum.
  const exits = new Map<string, { suppressed: boolean; value: number | null }>();
  for (const i of participants?.interventions ?? []) {
    for (const { key, count } of i.exitsByOutcome) {
      const sum = exits.get(key) ?? { suppressed: false, value: 0 };
      exits.set(
        key,
        sum.suppressed || count.suppressed
          ? { suppressed: true, value: null }
          : { suppressed: false, value: sum.value! + count.value! },
      );
    }
  }
  return (
    <>
      <h2>Årsrapport</h2>
      <YearPicker year={year} onChange={setYear} label="År" />
      <ResultNotice error={error} partial={Boolean(data)} />
      {fetching && !data ? <p>Hämtar …</p> : null}
      {participants ? (
        <p>
          Uppgifter som skulle kunna röja en enskild person visas som <q>— (dold)</q>, aldrig som 0.
        </p>
      ) : null}
      {participants ? (
        <table>
          <caption>
            Deltagare per hemkommun {year} (inom parentes {year - 1})
          </caption>
          <thead>
            <tr>
              <th scope="col">Hemkommun</th>
              <th scope="col">Nya</th>
              <th scope="col">Totalt</th>
            </tr>
          </thead>
          <tbody>
            {participants.hemkommuner.map((h) => (
              <tr key={h.scbCode}>
                <th scope="row">{kommun.get(h.scbCode) ?? h.scbCode}</th>
                <td className="num">
                  <Disclosed figure={h.new} /> (<Disclosed figure={h.newPreviousYear} />)
                </td>
                <td className="num">
                  <Disclosed figure={h.total} /> (<Disclosed figure={h.totalPreviousYear} />)
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Alla</th>
              <td className="num">
                <Disclosed figure={participants.new} />
              </td>
              <td className="num">
                <Disclosed figure={participants.total} />
              </td>
            </tr>
          </tfoot>
        </table>
      ) : null}
      {participants ? (
        <table>
          <caption>Avslutade deltagare {year} efter utfall</caption>
          <thead>
            <tr>
              <th scope="col">Utfall</th>
              <th scope="col">Antal</th>
            </tr>
          </thead>
          <tbody>
            {[...exits].map(([key, count]) => (
              <tr key={key}>
                <th scope="row">{OUTCOME[key] ?? key}</th>
                <td className="num">
                  <Disclosed figure={count} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {finance ? (
        <table>
          <caption>Budget per insats {year}</caption>
          <thead>
            <tr>
              <th scope="col">Insats</th>
              <th scope="col">Tilldelat</th>
              <th scope="col">Förbrukat</th>
              <th scope="col">Differens</th>
            </tr>
          </thead>
          <tbody>
            {finance.interventions.map((i) => (
              <tr key={i.intervention.id}>
                <th scope="row">{i.intervention.name}</th>
                <td className="num">{formatKronor(i.allocated)}</td>
                <td className="num">{formatKronor(i.used)}</td>
                <td className="num">{formatKronor(i.differens)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Summa</th>
              <td className="num">{formatKronor(finance.allocated)}</td>
              <td className="num">{formatKronor(finance.used)}</td>
              <td className="num">{formatKronor(finance.differens)}</td>
            </tr>
          </tfoot>
        </table>
      ) : null}
    </>
  );
}
