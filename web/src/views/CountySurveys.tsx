/**
 * The county analyst's comparison of indikatorenkäter: the förbund of the county side by side over three years, per
 * indicator the mean and share of positive answers with n, and the change since the year before. Only förbund-level
 * figures; a withheld cell (fewer respondents than the minimum n) reads "— (dold)", never 0.
 */
import { useId, useState } from 'react';
import { useQuery } from 'urql';
import { ResultNotice } from '../components/ResultNotice.js';
import { Disclosed } from '../components/Suppressed.js';
import { YearPicker } from '../components/YearPicker.js';
import type { RespondentGroup } from '../gql/graphql.js';
import { graphql } from '../gql/index.js';
import { formatNumber, formatPercent } from '../labels.js';

const ComparisonForbundQuery = graphql(`
  query SurveyComparisonForbund {
    forbunds(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

const SurveyComparisonQuery = graphql(`
  query SurveyComparison($group: RespondentGroup!, $ids: [ID!]!, $years: [Int!]!) {
    surveyComparison(respondentGroup: $group, forbundIds: $ids, years: $years) {
      indicators
      forbund {
        forbundId
        years {
          year
          rounds
          respondents {
            suppressed
            n
          }
          indicators {
            indicator
            suppressed
            n
            mean
            sharePositive
            meanChange
          }
        }
      }
    }
  }
`);

/** The questionnaires, as the förbund name them. */
export const RESPONDENT_GROUP: Record<RespondentGroup, string> = {
  PARTICIPANT_ONGOING: 'Deltagare, pågående insats',
  PARTICIPANT_AT_EXIT: 'Deltagare vid avslut',
  INTERVENTION_STAFF: 'Insatspersonal',
  BOARD_MEMBER: 'Styrelseledamöter',
  MANAGER: 'Chefer i samverkan',
  REFERRER: 'Remittenter',
};

/** A change in the mean, signed: "+0,5", "−0,3", "±0". */
const signed = (change: number) =>
  change > 0 ? `+${formatNumber(change)}` : change < 0 ? `−${formatNumber(-change)}` : '±0';

export function CountySurveys({ initialYear }: { initialYear: number }) {
  const groupId = useId();
  const [group, setGroup] = useState<RespondentGroup>('PARTICIPANT_ONGOING');
  const [lastYear, setLastYear] = useState(initialYear);
  const years = [lastYear - 2, lastYear - 1, lastYear];
  const [list] = useQuery({ query: ComparisonForbundQuery });
  const forbunds = list.data?.forbunds.edges.map((e) => e.node) ?? [];
  const ids = forbunds.map((f) => f.id);
  const [res] = useQuery({
    query: SurveyComparisonQuery,
    variables: { group, ids, years },
    pause: ids.length === 0,
  });
  const comparison = res.data?.surveyComparison;
  const name = new Map(forbunds.map((f) => [f.id, f.name]));
  return (
    <>
      <h2>Indikatorer för finansiell samordning</h2>
      <p>
        <label htmlFor={groupId}>Enkät</label>{' '}
        <select id={groupId} value={group} onChange={(e) => setGroup(e.target.value as RespondentGroup)}>
          {Object.entries(RESPONDENT_GROUP).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </p>
      <YearPicker year={lastYear} onChange={setLastYear} label="Till och med år" />
      <ResultNotice error={list.error} partial={Boolean(list.data)} />
      <ResultNotice error={res.error} partial={Boolean(res.data)} />
      {(list.fetching || res.fetching) && !comparison ? <p>Hämtar …</p> : null}
      {comparison ? (
        <>
          <p>
            Medelvärde och andel positiva svar per indikator, med antal svarande (n) och förändring sedan året före.
            Resultat från färre svarande än enkätomgångens minsta antal visas som <q>— (dold)</q>. Bara hela förbund
            jämförs, aldrig enskilda insatser.
          </p>
          {comparison.indicators.length === 0 ? <p>Inga resultat för den här enkäten under åren.</p> : null}
          {comparison.forbund.map((f) => (
            <section key={f.forbundId}>
              <h3>{name.get(f.forbundId) ?? f.forbundId}</h3>
              <table className="comparison">
                <caption>
                  {`${name.get(f.forbundId) ?? f.forbundId}: ${RESPONDENT_GROUP[group]}, ${years[0]}–${years[2]}`}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Indikator</th>
                    {f.years.map((y) => (
                      <th scope="col" key={y.year}>
                        {y.year}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row">Svarande</th>
                    {f.years.map((y) => (
                      <td key={y.year}>
                        {y.rounds === 0 ? (
                          'ingen enkät'
                        ) : (
                          <Disclosed figure={{ suppressed: y.respondents.suppressed, value: y.respondents.n }} />
                        )}
                      </td>
                    ))}
                  </tr>
                  {comparison.indicators.map((indicator) => (
                    <tr key={indicator}>
                      <th scope="row">Indikator {indicator}</th>
                      {f.years.map((y) => {
                        const cell = y.indicators.find((i) => i.indicator === indicator);
                        if (!cell || (!cell.suppressed && cell.mean == null)) {
                          return <td key={y.year}>–</td>;
                        }
                        if (cell.suppressed) {
                          return (
                            <td key={y.year} data-suppressed="true">
                              <Disclosed figure={{ suppressed: true }} />
                            </td>
                          );
                        }
                        const change = cell.meanChange;
                        return (
                          <td
                            key={y.year}
                            className={
                              change == null || change === 0 ? undefined : change > 0 ? 'trend-up' : 'trend-down'
                            }
                          >
                            {formatNumber(cell.mean ?? 0)} ({formatPercent(cell.sharePositive ?? 0)} positiva, n ={' '}
                            {cell.n}){change == null ? '' : `, ${signed(change)}`}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        </>
      ) : null}
    </>
  );
}
