/** The förbund administrator's start page: the insatser with occupancy and budget usage, and what comes next. */
import { useState } from 'react';
import { useQuery } from 'urql';
import { ResultNotice } from '../components/ResultNotice.js';
import { YearPicker } from '../components/YearPicker.js';
import { graphql } from '../gql/index.js';
import { formatDate, formatKronor, formatNumber } from '../labels.js';

const AdminStartQuery = graphql(`
  query AdminStart($year: Int!) {
    forbund {
      id
      name
      interventions {
        id
        name
        occupancy {
          enrolled
          capacity
          overCapacity
        }
        budgetUsage(year: $year) {
          allocated
          used
          differens
          overUsed
          pending
          forecast
        }
      }
      upcoming(limit: 8) {
        date
        title
        deadline
        meeting {
          id
          body {
            name
          }
        }
      }
    }
  }
`);

export function AdminStart({ initialYear }: { initialYear: number }) {
  const [chosen, setYear] = useState(initialYear);
  const [{ data, error, fetching, operation }] = useQuery({ query: AdminStartQuery, variables: { year: chosen } });
  // The year the figures shown are for: until another year's answer arrives, the previous one stays on screen.
  const year = operation?.variables.year ?? chosen;
  const forbund = data?.forbund;
  return (
    <>
      <h2>Insatser</h2>
      <YearPicker year={chosen} onChange={setYear} label="Budgetår" />
      <ResultNotice error={error} partial={Boolean(data)} />
      {fetching && !data ? <p>Hämtar …</p> : null}
      {forbund ? (
        <>
          <table>
            <caption>
              Insatser i {forbund.name}: beläggning och budget {year}
            </caption>
            <thead>
              <tr>
                <th scope="col">Insats</th>
                <th scope="col">Inskrivna</th>
                <th scope="col">Platser</th>
                <th scope="col">Tilldelat</th>
                <th scope="col">Förbrukat</th>
                <th scope="col">Differens</th>
                <th scope="col">Väntar på beslut</th>
                <th scope="col">Prognos</th>
              </tr>
            </thead>
            <tbody>
              {(forbund.interventions ?? []).map(({ id, name, occupancy: o, budgetUsage: b }) => (
                // A figure whose subgraph did not answer shows as "–"; the notice above says why.
                <tr key={id}>
                  <th scope="row">{name}</th>
                  <td className={o?.overCapacity ? 'num warn' : 'num'}>
                    {o ? formatNumber(o.enrolled) : '–'}
                    {o?.overCapacity ? ' (överbelagd)' : ''}
                  </td>
                  <td className="num">{o?.capacity == null ? '–' : formatNumber(o.capacity)}</td>
                  <td className="num">{b ? formatKronor(b.allocated) : '–'}</td>
                  <td className="num">{b ? formatKronor(b.used) : '–'}</td>
                  <td className={b?.overUsed ? 'num warn' : 'num'}>
                    {b ? formatKronor(b.differens) : '–'}
                    {b?.overUsed ? ' (överskriden)' : ''}
                  </td>
                  <td className="num">{b ? formatKronor(b.pending) : '–'}</td>
                  <td className="num">{b?.forecast == null ? '–' : formatKronor(b.forecast)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>Kommande möten och tidsfrister</h2>
          {forbund.upcoming.length ? (
            <ul className="upcoming">
              {forbund.upcoming.map((u) => (
                <li key={`${u.date}-${u.meeting?.id ?? u.deadline ?? u.title}`}>
                  <time dateTime={u.date}>{formatDate(u.date)}</time>: {u.title}
                  {u.meeting ? ` – ${u.meeting.body.name}` : ''}
                </li>
              ))}
            </ul>
          ) : (
            <p>Inga kommande möten eller tidsfrister.</p>
          )}
        </>
      ) : null}
    </>
  );
}
