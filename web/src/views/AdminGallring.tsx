/**
 * Gallring (retention, issue 21) for the förbund administrator: the förbund's retention policies with the decision
 * that set each (reference and date), a form to record a decided policy, a preview of what a policy would remove
 * today, the run that removes exactly that, and the record of every run. The figures of closed years stay as they
 * were (participants README, "Gallring").
 */
import { type FormEvent, useId, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { FORM, useFieldErrors } from '../components/FieldErrors.js';
import { ResultNotice } from '../components/ResultNotice.js';
import type { RetentionRecordType } from '../gql/graphql.js';
import { graphql } from '../gql/index.js';
import { formatDate, formatNumber, RETENTION_RECORD_TYPE } from '../labels.js';
import { inSwedish } from '../messages.js';

const GallringQuery = graphql(`
  query Gallring {
    retentionPolicies {
      id
      recordType
      retentionYears
      decisionReference
      decidedOn
    }
    gallringRuns {
      id
      at
      recordType
      decisionReference
      decidedOn
      retentionYears
      cutoff
      participations
      screenings
      persons
    }
  }
`);

const GallringPreviewQuery = graphql(`
  query GallringPreview($recordType: RetentionRecordType!) {
    gallringPreview(recordType: $recordType) {
      cutoff
      participationIds
      screeningIds
      personIds
      policy {
        id
        decisionReference
      }
    }
  }
`);

const RunGallringMutation = graphql(`
  mutation RunGallring($recordType: RetentionRecordType!) {
    runGallring(recordType: $recordType) {
      __typename
      ...MutationErrors
      ... on MutationRunGallringSuccess {
        data {
          id
          participations
          screenings
          persons
        }
      }
    }
  }
`);

const SetRetentionPolicyMutation = graphql(`
  mutation SetRetentionPolicy($input: RetentionPolicyInput!) {
    setRetentionPolicy(input: $input) {
      __typename
      ...MutationErrors
      ... on MutationSetRetentionPolicySuccess {
        data {
          id
        }
      }
    }
  }
`);

const RECORD_TYPES = Object.keys(RETENTION_RECORD_TYPE) as RetentionRecordType[];

/** "3 deltaganden avidentifieras, 2 screeningar och 1 personpost tas bort." */
const removal = (n: { participations: number; screenings: number; persons: number }) =>
  `${formatNumber(n.participations)} deltaganden, ${formatNumber(n.screenings)} screeningar och ` +
  `${formatNumber(n.persons)} personposter`;

export function AdminGallring() {
  const [result, refetch] = useQuery({ query: GallringQuery });
  const [previewing, setPreviewing] = useState<RetentionRecordType | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const policies = result.data?.retentionPolicies ?? [];
  const runs = result.data?.gallringRuns ?? [];
  const reload = () => refetch({ requestPolicy: 'network-only' });
  return (
    <section aria-label="Gallring">
      <p>
        Gallring tar bort eller avidentifierar uppgifter enligt förbundets gallringsbeslut. Förhandsgranska först: en
        körning tar bort exakt det som förhandsgranskningen visar. Siffrorna för avslutade år ändras inte.
      </p>
      <ResultNotice error={result.error} partial={Boolean(result.data)} />
      <h2>Gallringsbeslut</h2>
      {policies.length === 0 && result.data ? <p>Förbundet har inga gallringsbeslut registrerade.</p> : null}
      {policies.length > 0 ? (
        <table>
          <caption>Förbundets gallringsbeslut</caption>
          <thead>
            <tr>
              <th scope="col">Uppgifter</th>
              <th scope="col">Bevaras</th>
              <th scope="col">Beslut</th>
              <th scope="col">Beslutsdatum</th>
              <th scope="col">
                <span className="visually-hidden">Åtgärd</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {policies.map((p) => (
              <tr key={p.id}>
                <td>{RETENTION_RECORD_TYPE[p.recordType] ?? p.recordType}</td>
                <td>{p.retentionYears} år efter avslutsåret</td>
                <td>{p.decisionReference}</td>
                <td>{formatDate(p.decidedOn)}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => {
                      setDone(null);
                      setPreviewing(p.recordType);
                    }}
                  >
                    Förhandsgranska
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {done ? (
        <p className="notice" role="status">
          {done}
        </p>
      ) : null}
      {previewing ? (
        <Preview
          key={previewing}
          recordType={previewing}
          onRun={(message) => {
            setPreviewing(null);
            setDone(message);
            reload();
          }}
        />
      ) : null}
      <PolicyForm onSaved={reload} />
      <h2>Genomförda gallringar</h2>
      {runs.length === 0 && result.data ? <p>Ingen gallring har genomförts.</p> : null}
      {runs.length > 0 ? (
        <table>
          <caption>Gallringar, senaste först</caption>
          <thead>
            <tr>
              <th scope="col">När</th>
              <th scope="col">Uppgifter</th>
              <th scope="col">Beslut</th>
              <th scope="col">Avslutade före</th>
              <th scope="col">Deltaganden</th>
              <th scope="col">Screeningar</th>
              <th scope="col">Personposter</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id}>
                <td>{new Date(r.at).toLocaleString('sv-SE')}</td>
                <td>{RETENTION_RECORD_TYPE[r.recordType] ?? r.recordType}</td>
                <td>
                  {r.decisionReference} ({formatDate(r.decidedOn)}, {r.retentionYears} år)
                </td>
                <td>{formatDate(r.cutoff)}</td>
                <td>{formatNumber(r.participations)}</td>
                <td>{formatNumber(r.screenings)}</td>
                <td>{formatNumber(r.persons)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** What the policy would remove today, and the run that removes exactly that. */
function Preview({ recordType, onRun }: { recordType: RetentionRecordType; onRun(message: string): void }) {
  const [result] = useQuery({
    query: GallringPreviewQuery,
    variables: { recordType },
    requestPolicy: 'network-only',
  });
  const [{ fetching }, run] = useMutation(RunGallringMutation);
  const [problem, setProblem] = useState<string | null>(null);
  const preview = result.data?.gallringPreview;
  const go = async () => {
    setProblem(null);
    const answer = await run({ recordType });
    const ran = answer.data?.runGallring;
    if (!answer.error && ran?.__typename === 'MutationRunGallringSuccess') {
      onRun(`Gallringen är genomförd: ${removal(ran.data)} togs bort eller avidentifierades.`);
    } else {
      const refused = answer.error?.graphQLErrors.map((e) => e.message).join(' ');
      setProblem(inSwedish(refused ?? (ran && 'message' in ran ? ran.message : 'Gallringen kunde inte genomföras.')));
    }
  };
  return (
    <section className="gallring-preview" aria-label="Förhandsgranskning">
      <h2>Förhandsgranskning: {RETENTION_RECORD_TYPE[recordType] ?? recordType}</h2>
      <ResultNotice error={result.error} partial={false} />
      {result.fetching ? <p>Hämtar …</p> : null}
      {preview ? (
        <>
          <p>
            Enligt {preview.policy.decisionReference} gallras uppgifter i deltaganden som avslutades före{' '}
            {formatDate(preview.cutoff)}:{' '}
            {removal({
              participations: preview.participationIds.length,
              screenings: preview.screeningIds.length,
              persons: preview.personIds.length,
            })}
            .
          </p>
          <button
            type="button"
            onClick={() => void go()}
            disabled={
              fetching || preview.participationIds.length + preview.screeningIds.length + preview.personIds.length === 0
            }
          >
            Genomför gallringen
          </button>
          {problem ? (
            <p className="notice notice-error" role="alert">
              {problem}
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** Records a policy the förbund decided; it replaces the one for that record type. */
function PolicyForm({ onSaved }: { onSaved(): void }) {
  const id = useId();
  const fields = useFieldErrors(['recordType', 'retentionYears', 'decisionReference', 'decidedOn'] as const);
  const [form, setForm] = useState({
    recordType: 'PARTICIPATION' as RetentionRecordType,
    retentionYears: '',
    decisionReference: '',
    decidedOn: '',
  });
  const [saved, setSaved] = useState<string | null>(null);
  const [{ fetching }, save] = useMutation(SetRetentionPolicyMutation);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    const years = Number(form.retentionYears);
    if (!/^\d+$/.test(form.retentionYears)) {
      fields.showLocal({ retentionYears: 'Ange antal hela år.' });
      return;
    }
    const result = await save({ input: { ...form, retentionYears: years } });
    const answer = result.data?.setRetentionPolicy;
    if (fields.show(result, answer, 'MutationSetRetentionPolicySuccess')) {
      setSaved('Gallringsbeslutet är registrerat.');
      onSaved();
    }
  };
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  return (
    <form className="policy-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Registrera ett gallringsbeslut</h2>
      {fields.message(FORM)}
      <div className="field">
        <label htmlFor={fields.idOf('recordType')}>Uppgifter</label>
        <select
          id={fields.idOf('recordType')}
          value={form.recordType}
          onChange={set('recordType')}
          {...fields.aria('recordType')}
        >
          {RECORD_TYPES.map((t) => (
            <option key={t} value={t}>
              {RETENTION_RECORD_TYPE[t]}
            </option>
          ))}
        </select>
        {fields.message('recordType')}
      </div>
      <div className="field">
        <label htmlFor={fields.idOf('retentionYears')}>Bevaras antal hela år efter avslutsåret</label>
        <input
          id={fields.idOf('retentionYears')}
          inputMode="numeric"
          value={form.retentionYears}
          onChange={set('retentionYears')}
          {...fields.aria('retentionYears')}
        />
        {fields.message('retentionYears')}
      </div>
      <div className="field">
        <label htmlFor={fields.idOf('decisionReference')}>Beslut (till exempel Styrelsen § 12/2026)</label>
        <input
          id={fields.idOf('decisionReference')}
          value={form.decisionReference}
          onChange={set('decisionReference')}
          {...fields.aria('decisionReference')}
        />
        {fields.message('decisionReference')}
      </div>
      <div className="field">
        <label htmlFor={fields.idOf('decidedOn')}>Beslutsdatum</label>
        <input
          id={fields.idOf('decidedOn')}
          type="date"
          value={form.decidedOn}
          onChange={set('decidedOn')}
          {...fields.aria('decidedOn')}
        />
        {fields.message('decidedOn')}
      </div>
      <button type="submit" disabled={fetching}>
        Registrera beslutet
      </button>
      <p role="status">{saved}</p>
    </form>
  );
}
