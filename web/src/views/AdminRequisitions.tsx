/**
 * The förbund administrator's rekvisitioner: those of a year (by default the ones waiting for a decision), each
 * with its lines and sum; approve or reject (with a reason) a submitted one, mark an approved one paid. Each
 * decision names the version read: when someone else decided first, the ConflictError says to reload.
 */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { type CombinedError, useMutation, useQuery } from 'urql';
import { FORM, type MutationAnswer, useFieldErrors } from '../components/FieldErrors.js';
import { ResultNotice } from '../components/ResultNotice.js';
import { YearPicker } from '../components/YearPicker.js';
import type { AdminRequisitionsQuery as AdminRequisitionsResult, RequisitionStatus } from '../gql/graphql.js';
import { graphql } from '../gql/index.js';
import { COST_CATEGORY, formatDate, formatKronor, REQUISITION_STATUS } from '../labels.js';
import { CONFLICT_MESSAGE } from '../messages.js';

const AdminRequisitionsQuery = graphql(`
  query AdminRequisitions($year: Int!, $status: RequisitionStatus) {
    requisitions(year: $year, status: $status) {
      id
      intervention {
        id
        name
      }
      year
      period
      periodStart
      periodEnd
      dueDate
      submittedOn
      late
      status
      rejectionReason
      version
      amount
      lines {
        category
        amount
      }
    }
  }
`);

const ApproveRequisitionMutation = graphql(`
  mutation ApproveRequisition($id: ID!, $expectedVersion: Int!) {
    approveRequisition(id: $id, expectedVersion: $expectedVersion) {
      __typename
      ... on MutationApproveRequisitionSuccess {
        data {
          id
          status
          version
        }
      }
      ...MutationErrors
    }
  }
`);

const RejectRequisitionMutation = graphql(`
  mutation RejectRequisition($id: ID!, $expectedVersion: Int!, $reason: String!) {
    rejectRequisition(id: $id, expectedVersion: $expectedVersion, reason: $reason) {
      __typename
      ... on MutationRejectRequisitionSuccess {
        data {
          id
          status
          version
        }
      }
      ...MutationErrors
    }
  }
`);

const MarkRequisitionPaidMutation = graphql(`
  mutation MarkRequisitionPaid($id: ID!, $expectedVersion: Int!) {
    markRequisitionPaid(id: $id, expectedVersion: $expectedVersion) {
      __typename
      ... on MutationMarkRequisitionPaidSuccess {
        data {
          id
          status
          version
        }
      }
      ...MutationErrors
    }
  }
`);

/** The status filter: "" is every status. */
const FILTERS: { value: RequisitionStatus | ''; label: string }[] = [
  { value: 'SUBMITTED', label: 'Väntar på beslut' },
  { value: 'APPROVED', label: 'Godkända' },
  { value: 'PAID', label: 'Utbetalda' },
  { value: 'REJECTED', label: 'Avslagna' },
  { value: '', label: 'Alla' },
];

type Requisition = AdminRequisitionsResult['requisitions'][number];

const countOf = (n: number) => (n === 1 ? '1 rekvisition' : `${n} rekvisitioner`);

const periodName = (r: { period: number; periodStart: string; periodEnd: string }) =>
  `period ${r.period} (${formatDate(r.periodStart)} – ${formatDate(r.periodEnd)})`;

export function AdminRequisitions({ initialYear }: { initialYear: number }) {
  const id = useId();
  const [chosen, setYear] = useState(initialYear);
  const [chosenStatus, setStatus] = useState<RequisitionStatus | ''>('SUBMITTED');
  const [{ data, error, fetching, operation }, refetch] = useQuery({
    query: AdminRequisitionsQuery,
    variables: { year: chosen, status: chosenStatus || null },
  });
  // What the list shown is for: until another answer arrives, the previous one stays on screen.
  const year = operation?.variables.year ?? chosen;
  const status = operation ? (operation.variables.status ?? '') : chosenStatus;
  const [decided, setDecided] = useState<string | null>(null);
  const decidedRef = useRef<HTMLParagraphElement>(null);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const onDecided = (message: string) => {
    setDecided(message);
    reload();
    // The decided rekvisition may leave the list: focus goes to what happened.
    requestAnimationFrame(() => decidedRef.current?.focus());
  };

  return (
    <>
      <div className="filters">
        <YearPicker year={chosen} onChange={setYear} label="År" />
        <p>
          <label htmlFor={`${id}-status`}>Visa</label>{' '}
          <select
            id={`${id}-status`}
            value={chosenStatus}
            onChange={(e) => setStatus(e.target.value as RequisitionStatus | '')}
          >
            {FILTERS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </p>
        <p>
          <button type="button" onClick={reload}>
            Ladda om
          </button>
        </p>
      </div>
      <p role="status" className="saved" ref={decidedRef} tabIndex={-1}>
        {decided}
      </p>
      <ResultNotice error={error} partial={Boolean(data)} />
      {fetching && !data ? <p>Hämtar …</p> : null}
      {data ? (
        data.requisitions.length ? (
          <>
            <p>
              {countOf(data.requisitions.length)}, totalt{' '}
              {formatKronor(data.requisitions.reduce((sum, r) => sum + r.amount, 0))}.
            </p>
            <ul className="requisitions">
              {data.requisitions.map((r) => (
                <li key={`${r.id}-${r.version}`}>
                  <RequisitionCard requisition={r} onDecided={onDecided} onReload={reload} />
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>
            Inga rekvisitioner
            {status ? ` med status ${FILTERS.find((f) => f.value === status)?.label.toLowerCase()}` : ''} för {year}.
          </p>
        )
      ) : null}
    </>
  );
}

function RequisitionCard({
  requisition: r,
  onDecided,
  onReload,
}: {
  requisition: Requisition;
  onDecided(message: string): void;
  onReload(): void;
}) {
  const id = useId();
  const name = `${r.intervention.name}, ${periodName(r)}`;
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const fields = useFieldErrors(['reason', 'id', 'expectedVersion'] as const);
  const [approving, approve] = useMutation(ApproveRequisitionMutation);
  const [rejectingState, reject] = useMutation(RejectRequisitionMutation);
  const [paying, pay] = useMutation(MarkRequisitionPaidMutation);
  const busy = approving.fetching || rejectingState.fetching || paying.fetching;
  const conflict = fields.errors[FORM] === CONFLICT_MESSAGE;
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (rejecting) {
      reasonRef.current?.focus();
    }
  }, [rejecting]);

  /** One decision's answer: success says so; a typed error shows here (a conflict as "reload"). */
  const settle = (
    result: { error?: CombinedError | undefined },
    answer: MutationAnswer | null | undefined,
    success: string,
    done: string,
  ) => {
    if (fields.show(result, answer, success)) {
      onDecided(`Rekvisitionen för ${name} är ${done}.`);
    }
  };
  const onApprove = async () => {
    fields.clear();
    const result = await approve({ id: r.id, expectedVersion: r.version });
    settle(result, result.data?.approveRequisition, 'MutationApproveRequisitionSuccess', 'godkänd');
  };
  const onPaid = async () => {
    fields.clear();
    const result = await pay({ id: r.id, expectedVersion: r.version });
    settle(result, result.data?.markRequisitionPaid, 'MutationMarkRequisitionPaidSuccess', 'markerad som utbetald');
  };
  const onReject = async (e: FormEvent) => {
    e.preventDefault();
    fields.clear();
    const result = await reject({ id: r.id, expectedVersion: r.version, reason });
    settle(result, result.data?.rejectRequisition, 'MutationRejectRequisitionSuccess', 'avslagen');
  };

  return (
    <section className="requisition" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>
        {r.intervention.name}: {periodName(r)}
      </h2>
      <dl>
        <dt>Status</dt>
        <dd>{REQUISITION_STATUS[r.status] ?? r.status}</dd>
        <dt>Inkommen</dt>
        <dd>
          {formatDate(r.submittedOn)}
          {r.late ? <strong className="warn"> (för sent, senast {formatDate(r.dueDate)})</strong> : null}
        </dd>
        {r.rejectionReason ? (
          <>
            <dt>Skäl för avslag</dt>
            <dd>{r.rejectionReason}</dd>
          </>
        ) : null}
      </dl>
      <table>
        <caption>Kostnader: {name}</caption>
        <thead>
          <tr>
            <th scope="col">Kostnadsslag</th>
            <th scope="col">Belopp</th>
          </tr>
        </thead>
        <tbody>
          {r.lines.map((l) => (
            <tr key={l.category}>
              <th scope="row">{COST_CATEGORY[l.category] ?? l.category}</th>
              <td className="num">{formatKronor(l.amount)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Summa</th>
            <td className="num">{formatKronor(r.amount)}</td>
          </tr>
        </tfoot>
      </table>
      <form noValidate onSubmit={(e) => void onReject(e)} aria-label={`Beslut om ${name}`}>
        {fields.message(FORM)}
        {conflict ? (
          <p>
            <button type="button" onClick={onReload}>
              Ladda om rekvisitionerna
            </button>
          </p>
        ) : null}
        {fields.message('id')}
        {fields.message('expectedVersion')}
        {r.status === 'SUBMITTED' ? (
          <>
            {rejecting ? (
              <div className="field">
                <label htmlFor={`${id}-reason`}>Skäl för avslag</label>
                <textarea
                  ref={reasonRef}
                  id={`${id}-reason`}
                  rows={3}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  {...fields.aria('reason')}
                />
                {fields.message('reason')}
              </div>
            ) : null}
            <div className="buttons">
              {rejecting ? (
                <>
                  <button type="submit" disabled={busy}>
                    Avslå rekvisitionen
                  </button>
                  <button type="button" onClick={() => setRejecting(false)}>
                    Avbryt
                  </button>
                </>
              ) : (
                <>
                  <button
                    type="button"
                    disabled={busy}
                    aria-label={`Godkänn: ${name}`}
                    onClick={() => void onApprove()}
                  >
                    Godkänn
                  </button>
                  <button type="button" aria-label={`Avslå: ${name}`} onClick={() => setRejecting(true)}>
                    Avslå
                  </button>
                </>
              )}
            </div>
          </>
        ) : null}
        {r.status === 'APPROVED' ? (
          <div className="buttons">
            <button
              type="button"
              disabled={busy}
              aria-label={`Markera som utbetald: ${name}`}
              onClick={() => void onPaid()}
            >
              Markera som utbetald
            </button>
          </div>
        ) : null}
      </form>
    </section>
  );
}
