/**
 * Årshjul, sammanträden och beslut for the board: the year's meetings of every body and the förbund's fixed
 * deadlines in date order (as a wheel and as a table), then each body's meetings with agenda, minutes and the
 * beslut taken. One query. A styrgrupp member gets the same view of their own styrgrupp only.
 */
import { useState } from 'react';
import { useQuery } from 'urql';
import { ResultNotice } from '../components/ResultNotice.js';
import { YearPicker } from '../components/YearPicker.js';
import { YearWheel } from '../components/YearWheel.js';
import { graphql } from '../gql/index.js';
import { BODY_KIND, DEADLINE_KIND, DECISION_KIND, formatDate, VOTE_CHOICE } from '../labels.js';

const MeetingsQuery = graphql(`
  query Meetings($year: Int!, $from: Date!) {
    forbund {
      id
      upcoming(from: $from, limit: 100) {
        date
        title
        deadline
        meeting {
          id
          body {
            id
            name
          }
        }
      }
    }
    bodies {
      id
      kind
      name
      meetings(year: $year) {
        id
        date
        title
        agenda
        minutes
        minutesApproved
        corrections {
          id
          text
        }
        decisions {
          id
          kind
          text
          budgetYear
          intervention {
            id
            name
          }
          votes {
            seatId
            vote
          }
        }
      }
    }
  }
`);

export function Meetings({ initialYear }: { initialYear: number }) {
  const [year, setYear] = useState(initialYear);
  const [{ data, error, fetching, operation }] = useQuery({
    query: MeetingsQuery,
    variables: { year, from: `${year}-01-01` },
  });
  // While another year loads, what is on screen is the last answer's year.
  const shown = data && operation ? operation.variables.year : year;
  // The calendar runs on past the year; the årshjul is this year's part of it.
  const items = (data?.forbund?.upcoming ?? []).filter((u) => u.date.startsWith(`${shown}-`));
  const bodies = (data?.bodies ?? []).filter((b) => b.meetings.length > 0);
  const decisions = bodies
    .flatMap((b) => b.meetings.flatMap((m) => m.decisions.map((d) => ({ ...d, meeting: m, body: b }))))
    .sort((a, b) => a.meeting.date.localeCompare(b.meeting.date));
  return (
    <>
      <h2>Årshjul {year}</h2>
      <YearPicker year={year} onChange={setYear} label="År" />
      <ResultNotice error={error} partial={Boolean(data)} />
      {fetching ? <p role="status">Hämtar …</p> : null}
      {data?.forbund ? (
        <>
          <YearWheel
            year={shown}
            items={items.map((u) => ({
              date: u.date,
              label: u.meeting ? `${u.title} (${u.meeting.body.name})` : u.title,
              deadline: Boolean(u.deadline),
            }))}
          />
          <table>
            <caption>Sammanträden och tidsfrister {shown}</caption>
            <thead>
              <tr>
                <th scope="col">Datum</th>
                <th scope="col">Vad</th>
                <th scope="col">Organ eller tidsfrist</th>
              </tr>
            </thead>
            <tbody>
              {items.map((u) => (
                <tr key={`${u.date}-${u.meeting?.id ?? u.deadline}`}>
                  <td>{formatDate(u.date)}</td>
                  <th scope="row">{u.title}</th>
                  <td>
                    {u.meeting ? u.meeting.body.name : `Tidsfrist: ${DEADLINE_KIND[u.deadline ?? ''] ?? u.deadline}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {items.length === 0 ? <p>Inga sammanträden eller tidsfrister {shown}.</p> : null}
        </>
      ) : null}
      {data?.bodies ? (
        <>
          <h2>Beslut {shown}</h2>
          {decisions.length ? (
            <table>
              <caption>Beslut {shown}, i datumordning</caption>
              <thead>
                <tr>
                  <th scope="col">Datum</th>
                  <th scope="col">Organ</th>
                  <th scope="col">Slag</th>
                  <th scope="col">Beslut</th>
                </tr>
              </thead>
              <tbody>
                {decisions.map((d) => (
                  <tr key={d.id}>
                    <td>{formatDate(d.meeting.date)}</td>
                    <td>{d.body.name}</td>
                    <td>
                      {DECISION_KIND[d.kind] ?? d.kind}
                      {d.budgetYear ? ` ${d.budgetYear}` : ''}
                      {d.intervention?.name ? ` – ${d.intervention.name}` : ''}
                    </td>
                    <th scope="row">{d.text}</th>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>Inga beslut {shown}.</p>
          )}
          <h2>Sammanträden {shown}</h2>
          {bodies.length === 0 ? <p>Inga sammanträden {shown}.</p> : null}
          {bodies.map((b) => (
            <section key={b.id} aria-labelledby={`body-${b.id}`}>
              <h3 id={`body-${b.id}`}>
                {b.name} <span className="muted">({BODY_KIND[b.kind] ?? b.kind})</span>
              </h3>
              {b.meetings.map((m) => (
                <article key={m.id} className="meeting" aria-labelledby={`meeting-${m.id}`}>
                  <h4 id={`meeting-${m.id}`}>
                    {formatDate(m.date)}
                    {m.title ? ` – ${m.title}` : ''}
                  </h4>
                  {m.agenda.length ? (
                    <>
                      <p className="label">Dagordning</p>
                      <ol>
                        {m.agenda.map((point) => (
                          <li key={point}>{point}</li>
                        ))}
                      </ol>
                    </>
                  ) : null}
                  {m.minutes ? (
                    <>
                      <p className="label">Protokoll {m.minutesApproved ? '(justerat)' : '(ej justerat)'}</p>
                      <p className="minutes">{m.minutes}</p>
                    </>
                  ) : (
                    <p className="muted">Inget protokoll ännu.</p>
                  )}
                  {m.corrections.length ? (
                    <>
                      <p className="label">Rättelser</p>
                      <ul>
                        {m.corrections.map((c) => (
                          <li key={c.id}>{c.text}</li>
                        ))}
                      </ul>
                    </>
                  ) : null}
                  {m.decisions.length ? (
                    <>
                      <p className="label">Beslut</p>
                      <ul>
                        {m.decisions.map((d) => (
                          <li key={d.id}>
                            <strong>{DECISION_KIND[d.kind] ?? d.kind}:</strong> {d.text}
                            {d.votes.length ? ` (omröstning: ${voteSummary(d.votes)})` : ''}
                          </li>
                        ))}
                      </ul>
                    </>
                  ) : null}
                </article>
              ))}
            </section>
          ))}
        </>
      ) : null}
    </>
  );
}

/** "3 ja, 1 nej, 1 avstår". */
function voteSummary(votes: { vote: string }[]): string {
  const counts = new Map<string, number>();
  for (const v of votes) {
    counts.set(v.vote, (counts.get(v.vote) ?? 0) + 1);
  }
  return [...counts].map(([vote, n]) => `${n} ${(VOTE_CHOICE[vote] ?? vote).toLowerCase()}`).join(', ');
}
