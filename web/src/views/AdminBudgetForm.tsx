/**
 * The board's budget for a year as the administrator records it (setBudget): the decision day, eget kapital brought
 * in, each member's medlemsbidrag, the cost lines and the two years' prognosis. It replaces the year's earlier
 * version. The graph checks FINSAM's split; each refusal shows beside the field (or list) it names.
 */
import { type FormEvent, Fragment, useEffect, useId, useRef, useState } from 'react';
import { useMutation } from 'urql';
import { FORM, useFieldErrors } from '../components/FieldErrors.js';
import type { BudgetCostCategory } from '../gql/graphql.js';
import { graphql } from '../gql/index.js';
import { parseKronor } from '../labels.js';

const SetBudgetMutation = graphql(`
  mutation SetBudget($input: SetBudgetInput!) {
    setBudget(input: $input) {
      __typename
      ... on MutationSetBudgetSuccess {
        data {
          id
          year
        }
      }
      ...MutationErrors
    }
  }
`);

export const BUDGET_COST_CATEGORY: Record<BudgetCostCategory, string> = {
  KANSLI: 'Kansli (fast)',
  SALARIES_AND_FEES: 'Löner och arvoden (fast)',
  INDIVIDUAL_INTERVENTION: 'Individinsats (rörlig)',
  STRUCTURAL_INTERVENTION: 'Strukturell insats (rörlig)',
  OTHER: 'Övrigt (rörlig)',
};
const CATEGORIES = Object.keys(BUDGET_COST_CATEGORY) as BudgetCostCategory[];

/** The budget as the form starts from: the year's decided one, or an empty one. */
export interface BudgetStart {
  decidedOn?: string | null;
  openingEquity: number;
  contributions: readonly { member: { id: string }; amount: number }[];
  costLines: readonly {
    category: BudgetCostCategory;
    description: string;
    amount: number;
    intervention?: { id: string } | null;
  }[];
  prognosis: readonly { year: number; income: number; costs: number }[];
}

interface Line {
  key: number;
  category: BudgetCostCategory;
  interventionId: string;
  description: string;
  amount: string;
}

const text = (n: number | undefined) => (n == null ? '' : String(n));

export function BudgetForm({
  year,
  start,
  members,
  interventions,
  onSaved,
  onCancel,
}: {
  year: number;
  start: BudgetStart | null;
  members: readonly { id: string; name: string }[];
  interventions: readonly { id: string; name: string }[];
  onSaved(): void;
  onCancel(): void;
}) {
  const id = useId();
  const nextKey = useRef(0);
  const line = (l?: BudgetStart['costLines'][number]): Line => ({
    key: nextKey.current++,
    category: l?.category ?? 'OTHER',
    interventionId: l?.intervention?.id ?? '',
    description: l?.description ?? '',
    amount: text(l?.amount),
  });
  const [decidedOn, setDecidedOn] = useState(start?.decidedOn ?? '');
  const [openingEquity, setOpeningEquity] = useState(text(start?.openingEquity));
  const [contributions, setContributions] = useState(() =>
    members.map((m) => text(start?.contributions.find((c) => c.member.id === m.id)?.amount)),
  );
  const [lines, setLines] = useState<Line[]>(() => (start?.costLines ?? []).map(line));
  const [prognosis, setPrognosis] = useState(() =>
    [year + 1, year + 2].map((y) => {
      const p = start?.prognosis.find((q) => q.year === y);
      return { year: y, income: text(p?.income), costs: text(p?.costs) };
    }),
  );
  const fieldNames = [
    'decidedOn',
    'openingEquity',
    'contributions',
    'costLines',
    'prognosis',
    ...members.map((_, n) => `contributions.${n}.amount`),
    ...lines.flatMap((_, n) =>
      ['category', 'interventionId', 'description', 'amount'].map((f) => `costLines.${n}.${f}`),
    ),
    ...[0, 1].flatMap((n) => ['income', 'costs', 'year'].map((f) => `prognosis.${n}.${f}`)),
  ];
  const fields = useFieldErrors(fieldNames);
  const [{ fetching }, save] = useMutation(SetBudgetMutation);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    fields.clear();
    // Amounts a person typed: a field that is not whole kronor is named before anything is sent.
    const amounts = new Map<string, number>();
    const wrong: string[] = [];
    const read = (field: string, value: string) => {
      const n = parseKronor(value || '0');
      if (n == null) {
        wrong.push(field);
      } else {
        amounts.set(field, n);
      }
      return n ?? 0;
    };
    const input = {
      year,
      decidedOn: decidedOn || null,
      openingEquity: read('openingEquity', openingEquity),
      contributions: members.map((m, n) => ({
        memberId: m.id,
        amount: read(`contributions.${n}.amount`, contributions[n] ?? ''),
      })),
      costLines: lines.map((l, n) => ({
        category: l.category,
        interventionId: l.interventionId || null,
        description: l.description,
        amount: read(`costLines.${n}.amount`, l.amount),
      })),
      prognosis: prognosis.map((p, n) => ({
        year: p.year,
        income: read(`prognosis.${n}.income`, p.income),
        costs: read(`prognosis.${n}.costs`, p.costs),
      })),
    };
    if (wrong.length) {
      fields.showLocal(Object.fromEntries(wrong.map((f) => [f, 'Ange beloppet i hela kronor, t.ex. 1 200 000.'])));
      return;
    }
    const result = await save({ input });
    const answer = result.data?.setBudget;
    if (fields.show(result, answer, 'MutationSetBudgetSuccess')) {
      onSaved();
    }
  };

  const setLine = (key: number, change: Partial<Line>) =>
    setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...change } : l)));
  const kronorInput = (field: string, value: string, onChange: (v: string) => void, label: string) => (
    <div className="field">
      <label htmlFor={`${id}-${field}`}>{label}</label>
      <input
        id={`${id}-${field}`}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...fields.aria(field)}
      />
      {fields.message(field)}
    </div>
  );

  return (
    <form className="budget-form" noValidate aria-labelledby={`${id}-heading`} onSubmit={(e) => void submit(e)}>
      <h3 id={`${id}-heading`}>Budget {year} som styrelsen beslutade den</h3>
      <p className="muted hint">Belopp i hela kronor. Att spara ersätter årets tidigare budget.</p>
      {fields.message(FORM)}
      <div className="field">
        <label htmlFor={`${id}-decidedOn`}>Beslutad av styrelsen (datum)</label>
        <input
          ref={first}
          id={`${id}-decidedOn`}
          type="date"
          value={decidedOn}
          onChange={(e) => setDecidedOn(e.target.value)}
          {...fields.aria('decidedOn')}
        />
        {fields.message('decidedOn')}
      </div>
      {kronorInput('openingEquity', openingEquity, setOpeningEquity, 'Eget kapital vid årets början')}

      <fieldset>
        <legend>Medlemsbidrag</legend>
        {fields.message('contributions')}
        {members.map((m, n) => (
          <Fragment key={m.id}>
            {kronorInput(
              `contributions.${n}.amount`,
              contributions[n] ?? '',
              (v) => setContributions((cs) => cs.map((c, i) => (i === n ? v : c))),
              `Medlemsbidrag ${m.name}`,
            )}
          </Fragment>
        ))}
      </fieldset>

      <fieldset>
        <legend>Kostnader</legend>
        {fields.message('costLines')}
        {lines.map((l, n) => (
          <fieldset key={l.key} className="cost-line">
            <legend>Kostnadsrad {n + 1}</legend>
            <div className="field">
              <label htmlFor={`${id}-cat-${l.key}`}>Kostnadsslag</label>
              <select
                id={`${id}-cat-${l.key}`}
                value={l.category}
                onChange={(e) => setLine(l.key, { category: e.target.value as BudgetCostCategory })}
                {...fields.aria(`costLines.${n}.category`)}
              >
                {CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {BUDGET_COST_CATEGORY[c]}
                  </option>
                ))}
              </select>
              {fields.message(`costLines.${n}.category`)}
            </div>
            <div className="field">
              <label htmlFor={`${id}-ins-${l.key}`}>Insats</label>
              <select
                id={`${id}-ins-${l.key}`}
                value={l.interventionId}
                onChange={(e) => setLine(l.key, { interventionId: e.target.value })}
                {...fields.aria(`costLines.${n}.interventionId`)}
              >
                <option value="">Ingen insats</option>
                {interventions.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.name}
                  </option>
                ))}
              </select>
              {fields.message(`costLines.${n}.interventionId`)}
            </div>
            <div className="field">
              <label htmlFor={`${id}-desc-${l.key}`}>Beskrivning</label>
              <input
                id={`${id}-desc-${l.key}`}
                type="text"
                value={l.description}
                onChange={(e) => setLine(l.key, { description: e.target.value })}
                {...fields.aria(`costLines.${n}.description`)}
              />
              {fields.message(`costLines.${n}.description`)}
            </div>
            {kronorInput(`costLines.${n}.amount`, l.amount, (v) => setLine(l.key, { amount: v }), 'Belopp')}
            <button type="button" onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}>
              Ta bort kostnadsrad {n + 1}
            </button>
          </fieldset>
        ))}
        <button type="button" onClick={() => setLines((ls) => [...ls, line()])}>
          Lägg till kostnadsrad
        </button>
      </fieldset>

      <fieldset>
        <legend>Prognos för de två följande åren</legend>
        {fields.message('prognosis')}
        {prognosis.map((p, n) => (
          <div key={p.year} className="prognosis">
            {fields.message(`prognosis.${n}.year`)}
            {kronorInput(
              `prognosis.${n}.income`,
              p.income,
              (v) => setPrognosis((ps) => ps.map((q, i) => (i === n ? { ...q, income: v } : q))),
              `Intäkter ${p.year}`,
            )}
            {kronorInput(
              `prognosis.${n}.costs`,
              p.costs,
              (v) => setPrognosis((ps) => ps.map((q, i) => (i === n ? { ...q, costs: v } : q))),
              `Kostnader ${p.year}`,
            )}
          </div>
        ))}
      </fieldset>
      <div className="buttons">
        <button type="submit" disabled={fetching}>
          Spara budgeten
        </button>
        <button type="button" onClick={onCancel}>
          Avbryt
        </button>
      </div>
    </form>
  );
}
