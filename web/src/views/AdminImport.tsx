/**
 * Import of participations with their history (issue 21) for the förbund administrator: choose a file in the
 * documented format (participants README, "Import file format"), a dry run that lists every problem by row and
 * field and writes nothing, then the run, whose progress is followed until it is done, and its summary. The graph
 * stages the file (in parts of at most 100 000 characters), checks and runs it after answering; this page follows
 * `participationImport(id)` until the step is over.
 */
import { type FormEvent, useId, useState } from 'react';
import { type Client, type CombinedError, useClient } from 'urql';
import type { MutationAnswer } from '../components/FieldErrors.js';
import type { ParticipationImportStateFragment } from '../gql/graphql.js';
import { graphql } from '../gql/index.js';
import { formatNumber, importField } from '../labels.js';
import { inSwedish } from '../messages.js';

/** The most characters one request carries (the graph's limit for `content`). */
const PART = 100_000;
/** How often a running step is asked for its progress. */
const FOLLOW_MS = 400;

graphql(`
  fragment ParticipationImportState on ParticipationImport {
    id
    name
    format
    status
    totalRows
    processedRows
    issues {
      row
      field
      message
    }
    summary {
      rows
      created
      unchanged
      followUps
    }
  }
`);

const StageMutation = graphql(`
  mutation StageParticipationImport($input: StageParticipationImportInput!) {
    stageParticipationImport(input: $input) {
      __typename
      ...MutationErrors
      ... on MutationStageParticipationImportSuccess {
        data {
          id
        }
      }
    }
  }
`);

const AppendMutation = graphql(`
  mutation AppendParticipationImport($id: ID!, $content: String!) {
    appendParticipationImport(id: $id, content: $content) {
      __typename
      ...MutationErrors
    }
  }
`);

const CheckMutation = graphql(`
  mutation CheckParticipationImport($id: ID!) {
    checkParticipationImport(id: $id) {
      __typename
      ...MutationErrors
    }
  }
`);

const RunMutation = graphql(`
  mutation RunParticipationImport($id: ID!) {
    runParticipationImport(id: $id) {
      __typename
      ...MutationErrors
    }
  }
`);

const ImportQuery = graphql(`
  query ParticipationImport($id: ID!) {
    participationImport(id: $id) {
      ...ParticipationImportState
    }
  }
`);

/** A step the graph refused: its message in Swedish. */
class Refused extends Error {}

function refusal(error: CombinedError | undefined, answer: MutationAnswer | null | undefined): string {
  if (error?.networkError) {
    return 'Tjänsten kunde inte nås. Försök igen om en stund.';
  }
  if (error) {
    return error.graphQLErrors.map((e) => inSwedish(e.message)).join(' ');
  }
  const issues = answer?.issues?.map((i) => inSwedish(i.message)) ?? [];
  return issues.length ? issues.join(' ') : inSwedish(answer?.message ?? 'Något gick fel.');
}

/** Sends a mutation; its answer when it succeeded, else a Refused with the reason. */
async function send<A extends MutationAnswer>(
  result: Promise<{ error?: CombinedError | undefined; data?: Record<string, A | null | undefined> | undefined }>,
  field: string,
): Promise<A> {
  const { error, data } = await result;
  const answer = data?.[field];
  if (error || !answer?.__typename?.endsWith('Success')) {
    throw new Refused(refusal(error, answer));
  }
  return answer;
}

/** Follows an import until `done` says its step is over, telling `seen` each state on the way. */
async function follow(
  client: Client,
  id: string,
  done: (s: ParticipationImportStateFragment) => boolean,
  seen: (s: ParticipationImportStateFragment) => void,
): Promise<ParticipationImportStateFragment> {
  for (;;) {
    const { data, error } = await client.query(ImportQuery, { id }, { requestPolicy: 'network-only' }).toPromise();
    if (error) {
      throw new Refused(refusal(error, null));
    }
    const state = data?.participationImport ?? null;
    if (!state) {
      throw new Refused('Importen finns inte längre.');
    }
    seen(state);
    if (done(state)) {
      return state;
    }
    await new Promise((resolve) => setTimeout(resolve, FOLLOW_MS));
  }
}

export function AdminImport() {
  const client = useClient();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<ParticipationImportStateFragment | null>(null);
  const [step, setStep] = useState<'idle' | 'checking' | 'running'>('idle');
  const [problem, setProblem] = useState<string | null>(null);
  // The staged file the dry run checked: the run runs exactly that.
  const [checked, setChecked] = useState<string | null>(null);

  const dryRun = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!file) {
      setProblem('Välj en fil.');
      return;
    }
    setProblem(null);
    setState(null);
    setChecked(null);
    setStep('checking');
    try {
      const text = await file.text();
      const format = /\.json$/i.test(file.name) ? 'JSON' : 'CSV';
      const staged = await send(
        client
          .mutation(StageMutation, { input: { name: file.name, format, content: text.slice(0, PART) } })
          .toPromise(),
        'stageParticipationImport',
      );
      const id = (staged as { data: { id: string } }).data.id;
      for (let at = PART; at < text.length; at += PART) {
        await send(
          client.mutation(AppendMutation, { id, content: text.slice(at, at + PART) }).toPromise(),
          'appendParticipationImport',
        );
      }
      await send(client.mutation(CheckMutation, { id }).toPromise(), 'checkParticipationImport');
      const after = await follow(client, id, (s) => s.status !== 'STAGED' && s.status !== 'CHECKING', setState);
      setChecked(after.status === 'CHECKED' && after.issues.length === 0 ? id : null);
    } catch (error) {
      setProblem(error instanceof Refused ? error.message : 'Filen kunde inte läsas.');
    } finally {
      setStep('idle');
    }
  };

  const run = async () => {
    if (!checked) {
      return;
    }
    setProblem(null);
    setStep('running');
    try {
      await send(client.mutation(RunMutation, { id: checked }).toPromise(), 'runParticipationImport');
      await follow(client, checked, (s) => s.status === 'DONE' || s.status === 'FAILED', setState);
      setChecked(null);
    } catch (error) {
      setProblem(error instanceof Refused ? error.message : 'Importen kunde inte följas.');
    } finally {
      setStep('idle');
    }
  };

  const issues = state?.issues ?? [];
  return (
    <section aria-label="Import">
      <p>
        Importera deltaganden med deras historik (anvisning, beslut, inskrivning, uppföljningar, avslut) från en CSV-fil
        med rubrikrad eller en JSON-fil i plattformens importformat. Provkör först: provkörningen kontrollerar varje rad
        med samma regler som när uppgifterna registreras för hand och sparar ingenting. En fil importeras helt eller
        inte alls, och rader som redan importerats (samma källreferens) lämnas som de är.
      </p>
      <form onSubmit={(e) => void dryRun(e)} className="import-form">
        <div className="field">
          <label htmlFor={fileId}>Fil (CSV eller JSON)</label>
          <input
            id={fileId}
            type="file"
            accept=".csv,.json,text/csv,application/json"
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              setState(null);
              setChecked(null);
            }}
          />
        </div>
        <button type="submit" disabled={step !== 'idle'}>
          Provkör (inget sparas)
        </button>
      </form>
      {problem ? (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      ) : null}
      <ImportProgress state={state} step={step} />
      {state && issues.length > 0 ? (
        <table className="import-issues">
          <caption>
            {state.status === 'FAILED' ? 'Importen stoppades – ingenting sparades' : 'Provkörningen hittade fel'}:{' '}
            {formatNumber(issues.length)} fel i {state.name}
          </caption>
          <thead>
            <tr>
              <th scope="col">Rad</th>
              <th scope="col">Fält</th>
              <th scope="col">Fel</th>
            </tr>
          </thead>
          <tbody>
            {issues.map((i) => (
              <tr key={`${i.row}-${i.field}-${i.message}`}>
                <td>{i.row === 0 ? 'Hela filen' : i.row}</td>
                <td>{importField(i.field)}</td>
                <td>{inSwedish(i.message)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {state?.status === 'CHECKED' && issues.length === 0 && state.summary ? (
        <div className="notice" role="status">
          <p>
            Provkörningen hittade inga fel i {state.name}: {formatNumber(state.summary.rows)} rader,{' '}
            {formatNumber(state.summary.created)} deltaganden och {formatNumber(state.summary.followUps)} uppföljningar
            skulle sparas, {formatNumber(state.summary.unchanged)} finns redan.
          </p>
          <button type="button" onClick={() => void run()} disabled={step !== 'idle' || !checked}>
            Importera
          </button>
        </div>
      ) : null}
      {state?.status === 'DONE' && state.summary ? (
        <div className="notice" role="status">
          <p>
            Importen är klar: {formatNumber(state.summary.rows)} rader, {formatNumber(state.summary.created)} nya
            deltaganden och {formatNumber(state.summary.followUps)} uppföljningar sparades,{' '}
            {formatNumber(state.summary.unchanged)} fanns redan.
          </p>
        </div>
      ) : null}
    </section>
  );
}

/** Where a running dry run or import is: rows done of the file's. */
function ImportProgress({ state, step }: { state: ParticipationImportStateFragment | null; step: string }) {
  if (step === 'idle') {
    return null;
  }
  const what = step === 'running' ? 'Importerar' : 'Provkör';
  const total = state?.totalRows ?? 0;
  return (
    <div className="import-progress" role="status">
      <p>
        {what}
        {total ? `: ${formatNumber(state?.processedRows ?? 0)} av ${formatNumber(total)} rader` : ' …'}
      </p>
      {total ? <progress max={total} value={state?.processedRows ?? 0} aria-label={`${what} – förlopp`} /> : null}
    </div>
  );
}
