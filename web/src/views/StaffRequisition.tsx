/**
 * Rekvisition: staff send their insats' costs of a two-month period to the förbund (once the period has begun),
 * and see the year's requisitions with their status. The graph checks it; its typed errors show beside the fields
 * they name.
 */
import { type FormEvent, useId, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { FORM, useFieldErrors } from '../components/FieldErrors.js';
import { ResultNotice } from '../components/ResultNotice.js';
import type { CostCategory } from '../gql/graphql.js';
import { graphql } from '../gql/index.js';
import { COST_CATEGORY, formatDate, formatKronor, PERIOD, REQUISITION_STATUS, today } from '../labels.js';

const StaffRequisitionsQuery = graphql(`
  query StaffRequisitions($year: Int!) {
    interventions(first: 50) {
      edges {
        node {
          id
          name
          requisitions(year: $year) {
            id
            period
            dueDate
            submittedOn
            late
            status
            rejectionReason
            amount
          }
        }
      }
    }
  }
`);

const SubmitRequisitionMutation = graphql(`
  mutation SubmitRequisition($input: SubmitRequisitionInput!) {
    submitRequisition(input: $input) {
      __typename
      ... on MutationSubmitRequisitionSuccess {
        data {
          id
          period
          amount
        }
      }
      ...MutationErrors
    }
  }
`);

/** The periods of a year that have begun by today: a requisition is sent once its period has begun. */
function begunPeriods(year: number, day: string): number[] {
  return [1, 2, 3, 4, 5, 6].filter((n) => `${year}-${String(2 * n - 1).padStart(2, '0')}-01` <= day);
}

export function StaffRequisition() {
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [{ data, error, fetching }, refetch] = useQuery({ query: StaffRequisitionsQuery, variables: { year } });
  const yearId = useId();
  const insatser = data?.interventions.edges.map((e) => e.node) ?? [];
  return (
    <>
      <p className="year-picker">
        <label htmlFor={yearId}>År</label>{' '}
        <select id={yearId} value={year} onChange={(e) => setYear(Number(e.target.value))}>
          {[thisYear, thisYear - 1].map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </p>
      <ResultNotice error={error} partial={Boolean(data)} />
      {fetching && !data ? <p>Hämtar …</p> : null}
      {insatser.map((i) => (
        <section key={i.id} aria-labelledby={`${yearId}-${i.id}`}>
          <h2 id={`${yearId}-${i.id}`}>
            {i.name} – rekvisitioner {year}
          </h2>
          {i.requisitions?.length ? (
            <table>
              <caption>
                Rekvisitioner {year} för {i.name}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Period</th>
                  <th scope="col">Belopp</th>
                  <th scope="col">Skickad</th>
                  <th scope="col">Senast</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {i.requisitions.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      {r.period}: {PERIOD[r.period]}
                    </th>
                    <td className="num">{formatKronor(r.amount)}</td>
                    <td>
                      {formatDate(r.submittedOn)}
                      {r.late ? <strong> – sen</strong> : null}
                    </td>
                    <td>{formatDate(r.dueDate)}</td>
                    <td>
                      {REQUISITION_STATUS[r.status] ?? r.status}
                      {r.rejectionReason ? `: ${r.rejectionReason}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>Inga rekvisitioner {year}.</p>
          )}
        </section>
      ))}
      {insatser.length ? (
        <RequisitionForm insatser={insatser} year={year} onSent={() => refetch({ requestPolicy: 'network-only' })} />
      ) : null}
    </>
  );
}

function RequisitionForm({
  insatser,
  year,
  onSent,
}: {
  insatser: readonly { id: string; name: string }[];
  year: number;
  onSent(): void;
}) {
  const f = useFieldErrors(['interventionId', 'year', 'period', 'lines']);
  const [{ fetching }, send] = useMutation(SubmitRequisitionMutation);
  const periods = begunPeriods(year, today());
  const [interventionId, setInterventionId] = useState(insatser[0]?.id ?? '');
  const [period, setPeriod] = useState(periods[periods.length - 1] ?? 1);
  const [amounts, setAmounts] = useState<Partial<Record<CostCategory, string>>>({});
  const [done, setDone] = useState('');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    const lines = Object.entries(amounts)
      .filter(([, v]) => v?.trim())
      .map(([category, v]) => ({ category: category as CostCategory, amount: Number(v) }));
    if (lines.some((l) => !Number.isInteger(l.amount))) {
      f.showLocal({ lines: 'Ange beloppen i hela kronor.' });
      return;
    }
    const result = await send({ input: { interventionId, year, period, lines } });
    const answer = result.data?.submitRequisition;
    if (f.show(result, answer, 'MutationSubmitRequisitionSuccess')) {
      setDone(`Rekvisitionen för period ${answer.data.period} (${formatKronor(answer.data.amount)}) är skickad.`);
      setAmounts({});
      onSent();
    }
  };

  return (
    <form className="invite" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={f.idOf('heading')}>
      <h2 id={f.idOf('heading')}>Skicka rekvisition {year}</h2>
      {f.message(FORM)}
      <div className="field">
        <label htmlFor={f.idOf('interventionId')}>Insats</label>
        <select
          id={f.idOf('interventionId')}
          value={interventionId}
          onChange={(e) => setInterventionId(e.target.value)}
          {...f.aria('interventionId')}
        >
          {insatser.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
        </select>
        {f.message('interventionId')}
      </div>
      <div className="field">
        <label htmlFor={f.idOf('period')}>Period</label>
        <select
          id={f.idOf('period')}
          value={period}
          onChange={(e) => setPeriod(Number(e.target.value))}
          {...f.aria('period')}
        >
          {periods.map((n) => (
            <option key={n} value={n}>
              {n}: {PERIOD[n]}
            </option>
          ))}
        </select>
        {f.message('period')}
        {f.message('year')}
      </div>
      <fieldset {...f.aria('lines')} id={f.idOf('lines')} tabIndex={-1}>
        <legend>Kostnader per kostnadsslag (hela kronor; lämna tomt det som inte används)</legend>
        {Object.entries(COST_CATEGORY).map(([category, label]) => (
          <div key={category} className="field amount">
            <label htmlFor={f.idOf(`line-${category}`)}>{label}</label>
            <input
              id={f.idOf(`line-${category}`)}
              type="number"
              inputMode="numeric"
              min={0}
              step={1}
              value={amounts[category as CostCategory] ?? ''}
              onChange={(e) => setAmounts((a) => ({ ...a, [category]: e.target.value }))}
            />
          </div>
        ))}
        {f.message('lines')}
      </fieldset>
      <button type="submit" disabled={fetching || !periods.length}>
        Skicka rekvisitionen
      </button>
      <p role="status">{done}</p>
    </form>
  );
}
