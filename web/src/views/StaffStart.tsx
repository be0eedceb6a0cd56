/**
 * Staff's start page (Ärenden): the participations of their insatser that need them — enrolled ones and exited
 * ones with something still owed — each with its next deadline, overdue first; then the referrals waiting for a
 * decision or an enrolment. Each row opens the participation's page; "Ny anvisning" registers a referral.
 */
import { useQuery } from 'urql';
import { ResultNotice } from '../components/ResultNotice.js';
import { graphql } from '../gql/index.js';
import { formatDate, KON, PARTICIPATION_DEADLINE, PARTICIPATION_STATUS } from '../labels.js';
import { follow, hrefOf } from '../navigation.js';

graphql(`
  fragment CaseloadParticipation on Participation {
    id
    status
    kon
    ageAtReferral
    hemkommun
    referredOn
    enrolledOn
    exitedOn
  }
`);

const CaseloadQuery = graphql(`
  query Caseload {
    forbund {
      id
      members {
        id
        name
        scbCode
      }
    }
    interventions(first: 50) {
      edges {
        node {
          id
          name
          activeParticipations {
            ...CaseloadParticipation
          }
          participantDeadlines(within: 60) {
            kind
            due
            overdue
            participation {
              ...CaseloadParticipation
            }
          }
        }
      }
    }
  }
`);

const PendingReferralsQuery = graphql(`
  query PendingReferrals($interventionId: ID!) {
    referred: participations(interventionId: $interventionId, status: REFERRED, first: 100) {
      edges {
        node {
          ...CaseloadParticipation
        }
      }
    }
    accepted: participations(interventionId: $interventionId, status: ACCEPTED, first: 100) {
      edges {
        node {
          ...CaseloadParticipation
        }
      }
    }
  }
`);

interface Person {
  id: string;
  status: string;
  kon: string;
  ageAtReferral?: number | null;
  hemkommun?: string | null;
  referredOn: string;
  enrolledOn?: string | null;
  exitedOn?: string | null;
}

interface CaseRow {
  p: Person;
  intervention: string;
  since: string;
  next?: { kind: string; due: string; overdue: boolean };
}

/** "Kvinna, 34 år, Sala" — who the row is about, without reading their name (each read of it is audited). */
function describe(p: Person, kommunName: (code: string) => string): string {
  return [
    KON[p.kon] ?? p.kon,
    p.ageAtReferral != null ? `${p.ageAtReferral} år` : null,
    p.hemkommun ? kommunName(p.hemkommun) : 'anonym',
  ]
    .filter(Boolean)
    .join(', ');
}

export function StaffStart() {
  const [{ data, error, fetching }] = useQuery({ query: CaseloadQuery });
  const kommuner = new Map((data?.forbund?.members ?? []).flatMap((m) => (m.scbCode ? [[m.scbCode, m.name]] : [])));
  const kommunName = (code: string) => kommuner.get(code) ?? `kommunkod ${code}`;
  const rows: CaseRow[] = [];
  const insatser = data?.interventions.edges.map((e) => e.node) ?? [];
  for (const node of insatser) {
    const seen = new Set<string>();
    const add = (p: Person) => {
      if (seen.has(p.id)) {
        return;
      }
      seen.add(p.id);
      // Deadlines come soonest first, so the first one of a participation is its next.
      const next = node.participantDeadlines?.find((d) => d.participation.id === p.id);
      rows.push({
        p,
        intervention: node.name,
        since: p.exitedOn ?? p.enrolledOn ?? p.referredOn,
        ...(next ? { next } : {}),
      });
    };
    node.activeParticipations?.forEach(add);
    // An exited participation still owes its final documentation and follow-ups.
    node.participantDeadlines?.forEach((d) => add(d.participation));
  }
  rows.sort(byUrgency);
  const overdue = rows.filter((r) => r.next?.overdue).length;
  return (
    <>
      <p>
        <a className="button-link" href={hrefOf('arenden/ny')} onClick={follow('arenden/ny')}>
          Ny anvisning
        </a>
      </p>
      <h2>Pågående deltaganden</h2>
      <ResultNotice error={error} partial={Boolean(data)} />
      {fetching && !data ? <p>Hämtar …</p> : null}
      {data && rows.length === 0 ? <p>Inga aktiva deltaganden i dina insatser.</p> : null}
      {rows.length ? (
        <>
          <p>
            {rows.length} deltaganden, varav {overdue} med passerad tidsfrist.
          </p>
          <table>
            <caption>Aktiva deltaganden i dina insatser, försenade först</caption>
            <thead>
              <tr>
                <th scope="col">Deltagare</th>
                <th scope="col">Insats</th>
                <th scope="col">Status</th>
                <th scope="col">Sedan</th>
                <th scope="col">Nästa tidsfrist</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.p.id} className={r.next?.overdue ? 'overdue' : undefined}>
                  <th scope="row">
                    <a href={hrefOf(`arenden/${r.p.id}`)} onClick={follow(`arenden/${r.p.id}`)}>
                      {describe(r.p, kommunName)}
                    </a>
                  </th>
                  <td>{r.intervention}</td>
                  <td>{PARTICIPATION_STATUS[r.p.status] ?? r.p.status}</td>
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
      {insatser
        .filter((i) => i.activeParticipations != null)
        .map((i) => (
          <PendingReferrals key={i.id} interventionId={i.id} name={i.name} kommunName={kommunName} />
        ))}
    </>
  );
}

/** One insats' referrals waiting for a decision, and accepted ones waiting to be enrolled. */
function PendingReferrals({
  interventionId,
  name,
  kommunName,
}: {
  interventionId: string;
  name: string;
  kommunName(code: string): string;
}) {
  const [{ data, error }] = useQuery({ query: PendingReferralsQuery, variables: { interventionId } });
  const pending = [...(data?.referred.edges ?? []), ...(data?.accepted.edges ?? [])].map((e) => e.node);
  return (
    <>
      <h2>Anvisningar att hantera – {name}</h2>
      <ResultNotice error={error} partial={Boolean(data)} />
      {data && pending.length === 0 ? <p>Inga anvisningar väntar på beslut eller inskrivning.</p> : null}
      {pending.length ? (
        <table>
          <caption>Anvisningar till {name} som väntar på beslut eller inskrivning</caption>
          <thead>
            <tr>
              <th scope="col">Deltagare</th>
              <th scope="col">Status</th>
              <th scope="col">Anvisad</th>
              <th scope="col">Nästa steg</th>
            </tr>
          </thead>
          <tbody>
            {pending.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <a href={hrefOf(`arenden/${p.id}`)} onClick={follow(`arenden/${p.id}`)}>
                    {describe(p, kommunName)}
                  </a>
                </th>
                <td>{PARTICIPATION_STATUS[p.status] ?? p.status}</td>
                <td>
                  <time dateTime={p.referredOn}>{formatDate(p.referredOn)}</time>
                </td>
                <td>{p.status === 'REFERRED' ? 'Beslut' : 'Inskrivning'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

function byUrgency(a: CaseRow, b: CaseRow): number {
  const rank = (r: CaseRow) => (r.next?.overdue ? 0 : r.next ? 1 : 2);
  return rank(a) - rank(b) || (a.next?.due ?? '').localeCompare(b.next?.due ?? '') || a.since.localeCompare(b.since);
}
