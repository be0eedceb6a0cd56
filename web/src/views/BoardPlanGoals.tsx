/**
 * The verksamhetsplan's goals of a year that the platform follows up from records (stegförflyttning; the same level
 * or higher 6 and 18 months after exit), each beside its target and the outcome computed from the year's exits.
 */
import { useId } from 'react';
import { useQuery } from 'urql';
import { ResultNotice } from '../components/ResultNotice.js';
import { Disclosed } from '../components/Suppressed.js';
import { graphql } from '../gql/index.js';
import { formatPercent } from '../labels.js';

const PlanGoalsQuery = graphql(`
  query BoardPlanGoals($year: Int!) {
    forbund {
      id
      plan(year: $year, kind: GOAL) {
        id
        text
        outcomeMeasure
        targetPercent
        outcome {
          share {
            ...DisclosedAverageFields
          }
          met
        }
      }
    }
  }
`);

const MET: Record<string, string> = { true: 'Ja', false: 'Nej' };

export function BoardPlanGoals({ year }: { year: number }) {
  const id = useId();
  const [{ data, error, fetching }] = useQuery({ query: PlanGoalsQuery, variables: { year } });
  const goals = (data?.forbund?.plan ?? []).filter((g) => g.outcomeMeasure != null);
  if (!error && !fetching && goals.length === 0) {
    return null;
  }
  return (
    <section aria-labelledby={`${id}-plan`}>
      <h3 id={`${id}-plan`}>Verksamhetsplanens mål och utfall {year}</h3>
      <ResultNotice error={error} partial={Boolean(data)} />
      {goals.length ? (
        <table>
          <caption>Mål som följs upp ur deltagarregistret, {year}</caption>
          <thead>
            <tr>
              <th scope="col">Mål</th>
              <th scope="col">Målvärde</th>
              <th scope="col">Utfall</th>
              <th scope="col">Uppfyllt</th>
            </tr>
          </thead>
          <tbody>
            {goals.map((g) => {
              const share = g.outcome?.share;
              return (
                <tr key={g.id}>
                  <th scope="row">{g.text}</th>
                  <td>{g.targetPercent == null ? '–' : `${g.targetPercent} %`}</td>
                  <td>
                    {!share ? (
                      '–'
                    ) : share.suppressed || share.value == null ? (
                      <Disclosed figure={share} />
                    ) : (
                      formatPercent(share.value)
                    )}
                  </td>
                  <td>{g.outcome?.met == null ? '–' : MET[String(g.outcome.met)]}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
