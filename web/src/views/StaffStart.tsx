/** Staff's start page: the active participations of their insatser, each with its next deadline, overdue first. */
import { useQuery } from 'urql';
import { ResultNotice } from '../components/ResultNotice.js';
import { graphql } from '../gql/index.js';
import { formatDate, PARTICIPATION_DEADLINE, PARTICIPATION_STATUS } from '../labels.js';

const CaseloadQuery = graphql(`
  query Caseload {
    interventions(first: 50) {
      edges {
        node {
          id
          name
          activeParticipations {
            id
            status
            hemkommun
            referredOn
            enrolledOn
            plannedEnd
          }
          participantDeadlines(within: 60) {
            kind
            due
            overdue
            participation {
              id
            }
          }
        }
      }
    }
  }
`);

interface CaseRow {
  id: string;
  intervention: string;
  status: string;
  hemkommun: string | null | undefined;
  since: string;
  next?: { kind: string; due: string; overdue: boolean };
}

export function StaffStart() {
  const [{ data, error, fetching }] = useQuery({ query: CaseloadQuery });
  const rows: CaseRow[] = [];
  for (const { node } of data?.interventions.edges ?? []) {
    for (const p of node.activeParticipations ?? []) {
      // Deadlines come soonest first, so the first one of a participation is its next.
      const next = node.participantDeadlines?.find((d) => d.participation.id === p.id);
      rows.push({
        id: p.id,
        intervention: node.name,
        status: p.status,
        hemkommun: p.hemkommun,
        since: p.enrolledOn ?? p.referredOn,
        ...(next ? { next } : {}),
      });
    }
  }
  rows.sort(byUrgency);
  const overdue = rows.filter((r) => r.next?.overdue).length;
  return (
    <>
      <h2>Ärenden</h2>
      <ResultNotice error={error} partial={Boolean(data)} />
      {fetching && !data ? <p>Hämtar …</p> : null}
      {data && rows.length === 0 ? <p>Inga aktiva deltaganden i dina insatser.</p> : null}
      {rows.length ? (
        <>
          <p>
            {rows.length} aktiva deltaganden, varav {overdue} med passerad tidsfrist.
          </p>
          <table>
            <caption>Aktiva deltaganden i dina insatser, försenade först</caption>
            <thead>
              <tr>
                <th scope="col">Insats</th>
                <th scope="col">Status</th>
                <th scope="col">Hemkommun</th>
                <th scope="col">Sedan</th>
                <th scope="col">Nästa tidsfrist</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className={r.next?.overdue ? 'overdue' : undefined}>
                  <th scope="row">{r.intervention}</th>
                  <td>{PARTICIPATION_STATUS[r.status] ?? r.status}</td>
                  <td>{r.hemkommun ?? 'Anonym'}</td>
                  <td>
                    <time dateTime={r.since}>{formatDate(r.since)}</time>
                  </td>
                  <td>
                    {r.next ? (
                      <>
                        {PARTICIPATION_DEADLINE[r.next.kind] ?? r.next.kind}{' '}
                        <time dateTime={r.next.due}>{formatDate(r.next.due)}</time>
                        {r.next.overdue ? <strong> – försenad</strong> : null}
                      </>
                    ) : (
                      'Ingen inom 60 dagar'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </>
  );
}

function byUrgency(a: CaseRow, b: CaseRow): number {
  const rank = (r: CaseRow) => (r.next?.overdue ? 0 : r.next ? 1 : 2);
  return rank(a) - rank(b) || (a.next?.due ?? '').localeCompare(b.next?.due ?? '') || a.since.localeCompare(b.since);
}
