/**
 * Registerutdrag (GDPR art. 15) for the förbund administrator: a person's personnummer and the reason, then
 * everything the förbund holds about them as a printable document (print styles in styles.css hide the rest of
 * the page). Each extract is logged and audited by the graph, so it is fetched anew every time, never cached.
 */
import { type FormEvent, useId, useState } from 'react';
import { useQuery } from 'urql';
import { ResultNotice } from '../components/ResultNotice.js';
import { graphql } from '../gql/index.js';
import { DECISION_KIND, OUTCOME, REFERRER_UNIT } from '../labels.js';

/** A value as the person reads it: the Swedish name of a referrer or an outcome, the rest as the graph gives it. */
function readable(field: string, value: string): string {
  if (field === 'referrerUnit') {
    return REFERRER_UNIT[value] ?? value;
  }
  if (field === 'outcomes') {
    return value
      .split(', ')
      .map((o) => OUTCOME[o] ?? o)
      .join(', ');
  }
  return value;
}

const RegisterExtractQuery = graphql(`
  query RegisterExtract($personnummer: String!, $reason: String!) {
    registerExtract(personnummer: $personnummer, reason: $reason) {
      id
      personnummer
      names
      protectedIdentity
      reason
      generatedAt
      participations {
        id
        intervention {
          id
          name
        }
        sections {
          kind
          recordId
          title
          entries {
            field
            label
            value
          }
        }
        decisions {
          id
          kind
          text
        }
      }
    }
  }
`);

export function AdminRegisterExtract() {
  const [asked, setAsked] = useState<{ personnummer: string; reason: string } | null>(null);
  const personnummerId = useId();
  const reasonId = useId();
  const [result] = useQuery({
    query: RegisterExtractQuery,
    variables: asked ?? { personnummer: '', reason: '' },
    pause: asked === null,
    requestPolicy: 'network-only',
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setAsked({ personnummer: String(form.get('personnummer') ?? ''), reason: String(form.get('reason') ?? '') });
  };
  const extract = result.data?.registerExtract;
  return (
    <section aria-label="Registerutdrag">
      <form className="no-print extract-form" onSubmit={submit}>
        <p>
          Allt förbundet har registrerat om en person (dataskyddsförordningen artikel 15). Utdraget loggas med ditt namn
          och skälet.
        </p>
        <div className="field">
          <label htmlFor={personnummerId}>Personnummer (ÅÅÅÅMMDD-NNNN)</label>
          <input id={personnummerId} name="personnummer" required autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor={reasonId}>Skäl (till exempel ärendets diarienummer)</label>
          <input id={reasonId} name="reason" required autoComplete="off" />
        </div>
        <button type="submit">Ta fram registerutdrag</button>
      </form>
      <ResultNotice error={result.error} partial={Boolean(extract)} />
      {result.fetching ? <p>Hämtar …</p> : null}
      {extract ? (
        <article className="extract" aria-labelledby="extract-heading">
          <h2 id="extract-heading">Registerutdrag för {extract.personnummer}</h2>
          <dl className="extract-head">
            <dt>Namn</dt>
            <dd>{extract.names.length ? extract.names.join(', ') : 'Inget namn registrerat'}</dd>
            <dt>Skäl</dt>
            <dd>{extract.reason}</dd>
            <dt>Framtaget</dt>
            <dd>{new Date(extract.generatedAt).toLocaleString('sv-SE')}</dd>
            <dt>Utdragets id</dt>
            <dd>{extract.id}</dd>
          </dl>
          {extract.protectedIdentity ? (
            <p className="notice notice-error">Skyddad personuppgift: lämna ut utdraget med särskild försiktighet.</p>
          ) : null}
          {extract.participations.length === 0 ? <p>Förbundet har inga uppgifter om personen.</p> : null}
          {extract.participations.map((p) => (
            <section key={p.id} className="extract-participation" aria-label={`Insats ${p.intervention.name ?? ''}`}>
              <h3>Insats: {p.intervention.name ?? p.intervention.id}</h3>
              {p.sections.map((s) => (
                <section key={`${s.kind}-${s.recordId}`} className="extract-section">
                  <h4>{s.title}</h4>
                  <dl>
                    {s.entries.map((e) => (
                      <div key={e.field}>
                        <dt>{e.label}</dt>
                        <dd>{readable(e.field, e.value)}</dd>
                      </div>
                    ))}
                  </dl>
                </section>
              ))}
              {(p.decisions ?? []).map((d) => (
                <section key={d.id} className="extract-section">
                  <h4>Beslut ({DECISION_KIND[d.kind] ?? d.kind})</h4>
                  <p>{d.text}</p>
                </section>
              ))}
            </section>
          ))}
          <p className="no-print">
            <button type="button" onClick={() => window.print()}>
              Skriv ut
            </button>
          </p>
        </article>
      ) : null}
    </section>
  );
}
