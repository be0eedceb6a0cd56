/**
 * The förbund administrator's budget and allocations: the budget the board decided for a year (income per member,
 * costs, result, eget kapital), and per insats its tilldelade medel beside what it used, each changed in place
 * (setAllocation). A refused amount's typed error shows beside its field.
 */
import { type FormEvent, useId, useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { FORM, useFieldErrors } from '../components/FieldErrors.js';
import { ResultNotice } from '../components/ResultNotice.js';
import { YearPicker } from '../components/YearPicker.js';
import { graphql } from '../gql/index.js';
import { formatDate, formatKronor, parseKronor } from '../labels.js';
import { BudgetForm } from './AdminBudgetForm.js';

const AdminBudgetQuery = graphql(`
  query AdminBudget($year: Int!) {
    forbund {
      id
      name
      members {
        id
        name
      }
      budget(year: $year) {
        id
        year
        decidedOn
        decidedLate
        income
        fixedCosts
        variableCosts
        costs
        result
        openingEquity
        closingEquity
        contributions {
          member {
            id
            name
          }
          amount
        }
        costLines {
          category
          description
          intervention {
            id
          }
          amount
        }
        prognosis {
          year
          income
          costs
        }
      }
      interventions {
        id
        name
        allocation(year: $year) {
          id
          amount
        }
        budgetUsage(year: $year) {
          used
          pending
          differens
          overUsed
        }
      }
    }
  }
`);

const SetAllocationMutation = graphql(`
  mutation SetAllocation($interventionId: ID!, $year: Int!, $amount: Kronor!) {
    setAllocation(interventionId: $interventionId, year: $year, amount: $amount) {
      __typename
      ... on MutationSetAllocationSuccess {
        data {
          id
          year
          amount
        }
      }
      ...MutationErrors
    }
  }
`);

export function AdminBudget({ initialYear }: { initialYear: number }) {
  const [chosen, setYear] = useState(initialYear);
  const [{ data, error, fetching, operation }, refetch] = useQuery({
    query: AdminBudgetQuery,
    variables: { year: chosen },
  });
  // The year the figures shown are for: until another year's answer arrives, the previous one stays on screen.
  const year = operation?.variables.year ?? chosen;
  const [saved, setSaved] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const stopEditing = () => {
    setEditing(false);
    requestAnimationFrame(() => editButton.current?.focus());
  };
  const forbund = data?.forbund;
  const budget = forbund?.budget;
  const interventions = forbund?.interventions ?? [];
  const allocated = interventions.reduce((sum, i) => sum + (i.allocation?.amount ?? 0), 0);
  /** What the budget's cost lines set aside for each insats. */
  const budgeted = new Map<string, number>();
  for (const line of budget?.costLines ?? []) {
    if (line.intervention) {
      budgeted.set(line.intervention.id, (budgeted.get(line.intervention.id) ?? 0) + line.amount);
    }
  }
  const reload = () => refetch({ requestPolicy: 'network-only' });

  return (
    <>
      <YearPicker
        year={chosen}
        onChange={(y) => {
          setSaved(null);
          setEditing(false);
          setYear(y);
        }}
        label="Budgetår"
      />
      <ResultNotice error={error} partial={Boolean(data)} />
      {fetching && !data ? <p>Hämtar …</p> : null}
      {forbund ? (
        <>
          <h2>Budget {year}</h2>
          <p role="status" className="saved">
            {saved?.startsWith('Budget') ? saved : null}
          </p>
          {budget ? (
            <>
              <p>
                {budget.decidedOn
                  ? `Beslutad av styrelsen ${formatDate(budget.decidedOn)}`
                  : 'Beslutsdatum är inte registrerat'}
                {budget.decidedLate ? ' (efter 30 november året före).' : '.'}
              </p>
              <table>
                <caption>Budget {year} i sammandrag</caption>
                <tbody>
                  <SumRow label="Intäkter (medlemsbidrag)" value={budget.income} />
                  <SumRow label="Fasta kostnader" value={budget.fixedCosts} />
                  <SumRow label="Rörliga kostnader" value={budget.variableCosts} />
                  <SumRow label="Kostnader totalt" value={budget.costs} />
                  <SumRow label="Budgeterat resultat" value={budget.result} />
                  <SumRow label="Eget kapital vid årets början" value={budget.openingEquity} />
                  <SumRow label="Eget kapital vid årets slut" value={budget.closingEquity} />
                </tbody>
              </table>
              <table>
                <caption>Medlemsbidrag {year}</caption>
                <thead>
                  <tr>
                    <th scope="col">Medlem</th>
                    <th scope="col">Belopp</th>
                  </tr>
                </thead>
                <tbody>
                  {budget.contributions.map((c) => (
                    <SumRow key={c.member.id} label={c.member.name} value={c.amount} />
                  ))}
                </tbody>
              </table>
            </>
          ) : (
            <p>Ingen budget är beslutad för {year}.</p>
          )}
          <p>
            <button
              type="button"
              ref={editButton}
              aria-expanded={editing}
              onClick={() => (editing ? stopEditing() : setEditing(true))}
            >
              {budget ? `Ändra budget ${year}` : `Registrera budget ${year}`}
            </button>
          </p>
          {editing ? (
            <BudgetForm
              key={`${year}-${budget?.id ?? 'new'}`}
              year={year}
              start={budget ?? null}
              members={forbund.members}
              interventions={interventions}
              onCancel={stopEditing}
              onSaved={() => {
                setSaved(`Budget ${year} är sparad.`);
                stopEditing();
                reload();
              }}
            />
          ) : null}

          <h2>Fördelning per insats</h2>
          <p role="status" className="saved">
            {saved?.startsWith('Tilldelat') ? saved : null}
          </p>
          <table>
            <caption>Tilldelade medel per insats {year}</caption>
            <thead>
              <tr>
                <th scope="col">Insats</th>
                <th scope="col">I budgeten</th>
                <th scope="col">Tilldelat</th>
                <th scope="col">Förbrukat</th>
                <th scope="col">Väntar på beslut</th>
                <th scope="col">Differens</th>
                <th scope="col">Ändra tilldelning</th>
              </tr>
            </thead>
            <tbody>
              {interventions.map((i) => (
                <tr key={i.id}>
                  <th scope="row">{i.name}</th>
                  <td className="num">{budgeted.has(i.id) ? formatKronor(budgeted.get(i.id) ?? 0) : '–'}</td>
                  <td className="num">{i.allocation ? formatKronor(i.allocation.amount) : 'Ej beslutat'}</td>
                  <td className="num">{i.budgetUsage ? formatKronor(i.budgetUsage.used) : '–'}</td>
                  <td className="num">{i.budgetUsage ? formatKronor(i.budgetUsage.pending) : '–'}</td>
                  <td className={i.budgetUsage?.overUsed ? 'num warn' : 'num'}>
                    {i.budgetUsage ? formatKronor(i.budgetUsage.differens) : '–'}
                    {i.budgetUsage?.overUsed ? ' (överskriden)' : ''}
                  </td>
                  <td>
                    <AllocationForm
                      // A new answer from the graph starts the field over from the amount decided.
                      key={`${year}-${i.allocation?.amount ?? 'none'}`}
                      intervention={i}
                      year={year}
                      current={i.allocation?.amount ?? null}
                      onSaved={(amount) => {
                        setSaved(`Tilldelat ${year} för ${i.name}: ${formatKronor(amount)}. Sparat.`);
                        reload();
                      }}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Summa</th>
                <td className="num">
                  {budget ? formatKronor([...budgeted.values()].reduce((a, b) => a + b, 0)) : '–'}
                </td>
                <td className="num">{formatKronor(allocated)}</td>
                <td colSpan={4}>
                  {budget ? `Budgetens rörliga kostnader: ${formatKronor(budget.variableCosts)}` : ''}
                </td>
              </tr>
            </tfoot>
          </table>
        </>
      ) : null}
    </>
  );
}

function SumRow({ label, value }: { label: string; value: number }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td className={value < 0 ? 'num warn' : 'num'}>{formatKronor(value)}</td>
    </tr>
  );
}

/** One insats' allocation for the year: the amount, saved on its own. */
function AllocationForm({
  intervention,
  year,
  current,
  onSaved,
}: {
  intervention: { id: string; name: string };
  year: number;
  current: number | null;
  onSaved(amount: number): void;
}) {
  const id = useId();
  const [text, setText] = useState(current == null ? '' : String(current));
  const fields = useFieldErrors(['amount', 'year', 'interventionId'] as const);
  const [{ fetching }, save] = useMutation(SetAllocationMutation);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    fields.clear();
    const amount = parseKronor(text);
    if (amount == null) {
      fields.showLocal({ amount: 'Ange beloppet i hela kronor, t.ex. 1 200 000.' });
      return;
    }
    const result = await save({ interventionId: intervention.id, year, amount });
    const answer = result.data?.setAllocation;
    if (fields.show(result, answer, 'MutationSetAllocationSuccess')) {
      onSaved(answer.data.amount);
    }
  };

  return (
    <form className="inline-form" noValidate onSubmit={(e) => void submit(e)}>
      {fields.message(FORM)}
      {fields.message('year')}
      {fields.message('interventionId')}
      <label htmlFor={`${id}-amount`} className="visually-hidden">
        Tilldelat {year} för {intervention.name}, kronor
      </label>
      <input
        id={`${id}-amount`}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        size={12}
        value={text}
        onChange={(e) => setText(e.target.value)}
        {...fields.aria('amount')}
      />{' '}
      <button type="submit" disabled={fetching} aria-label={`Spara tilldelningen för ${intervention.name}`}>
        Spara
      </button>
      {fields.message('amount')}
    </form>
  );
}
