/**
 * The board's start page: the Årsrapport of a chosen year, or its halvårsrapport (January–June) — participants
 * per hemkommun with the year before, per insats, new by referrer, exits by outcome, and the budget per insats;
 * charts beside the tables where a person would rather look than read; the Uppföljning Finsam CSV of the year.
 */
import { useId, useState } from 'react';
import { useQuery } from 'urql';
import { BarChart } from '../components/BarChart.js';
import { Download } from '../components/Download.js';
import { ResultNotice } from '../components/ResultNotice.js';
import { Disclosed, drawn, type Figure } from '../components/Suppressed.js';
import { YearPicker } from '../components/YearPicker.js';
import type { ReportPeriod } from '../gql/graphql.js';
import { graphql } from '../gql/index.js';
import { formatKronor, formatNumber, formatPercent, OUTCOME, REFERRER_UNIT } from '../labels.js';
import { BoardPlanGoals } from './BoardPlanGoals.js';

const YearReportQuery = graphql(`
  query YearReport($year: Int!, $period: ReportPeriod!) {
    forbund {
      id
      name
      kommuner {
        scbCode
        name
      }
      year(year: $year) {
        decisions(period: $period)
        avvikelser(period: $period)
        participants(period: $period) {
          new {
            ...DisclosedCountFields
          }
          total {
            ...DisclosedCountFields
          }
          averageAgeAtEntry {
            ...DisclosedAverageFields
          }
          hemkommuner {
            scbCode
            new {
              ...DisclosedCountFields
            }
            total {
              ...DisclosedCountFields
            }
            newPreviousYear {
              ...DisclosedCountFields
            }
            totalPreviousYear {
              ...DisclosedCountFields
            }
          }
          interventions {
            intervention {
              id
              name
            }
            new {
              ...DisclosedCountFields
            }
            total {
              ...DisclosedCountFields
            }
            exited {
              ...DisclosedCountFields
            }
            stepForwardShare {
              ...DisclosedAverageFields
            }
            newByReferrer {
              key
              count {
                ...DisclosedCountFields
              }
            }
            exitsByOutcome {
              key
              count {
                ...DisclosedCountFields
              }
            }
          }
        }
        finance(period: $period) {
          allocated
          used
          differens
          interventions {
            intervention {
              id
              name
            }
            allocated
            used
            differens
          }
          sharedPosts {
            sharedPost {
              id
              name
            }
            money {
              allocated
              used
              differens
            }
          }
        }
      }
    }
  }
`);

/**
 * Sums the counts of every insats by key, largest first. A sum with a withheld part is withheld too (never a partial
 * sum shown as if whole), and listed last.
 */
function sumByKey(lists: { key: string; count: Figure }[][]): [string, Figure][] {
  const sums = new Map<string, Figure>();
  for (const list of lists) {
    for (const { key, count } of list) {
      const sum = sums.get(key) ?? { suppressed: false, value: 0 };
      sums.set(
        key,
        sum.suppressed || count.suppressed
          ? { suppressed: true, value: null }
          : { suppressed: false, value: (sum.value ?? 0) + (count.value ?? 0) },
      );
    }
  }
  return [...sums].sort((a, b) => (b[1].value ?? -1) - (a[1].value ?? -1));
}

export function BoardStart({ initialYear }: { initialYear: number }) {
  const [year, setYear] = useState(initialYear);
  const [period, setPeriod] = useState<ReportPeriod>('YEAR');
  const periodId = useId();
  const [{ data, error, fetching, operation }] = useQuery({ query: YearReportQuery, variables: { year, period } });
  // While another year loads, the figures on screen are still the last answer's: name them by what they are.
  const shown = data && operation ? operation.variables : { year, period };
  const forbund = data?.forbund;
  const kommun = new Map(forbund?.kommuner.map((k) => [k.scbCode, k.name]) ?? []);
  const report = forbund?.year;
  const participants = report?.participants;
  const finance = report?.finance;
  const exits = sumByKey(participants?.interventions.map((i) => i.exitsByOutcome) ?? []);
  const referrers = sumByKey(participants?.interventions.map((i) => i.newByReferrer) ?? []);
  const half = shown.period === 'HALF_YEAR';
  // "2021" or "januari–juni 2021": every caption names the period it shows.
  const when = (y: number) => (half ? `januari–juni ${y}` : String(y));
  return (
    <>
      <h2>{period === 'HALF_YEAR' ? `Halvårsrapport januari–juni ${year}` : `Årsrapport ${year}`}</h2>
      <div className="report-choice">
        <YearPicker year={year} onChange={setYear} label="År" />
        <p>
          <label htmlFor={periodId}>Period</label>{' '}
          <select id={periodId} value={period} onChange={(e) => setPeriod(e.target.value as ReportPeriod)}>
            <option value="YEAR">Helår (årsrapport)</option>
            <option value="HALF_YEAR">Januari–juni (halvårsrapport)</option>
          </select>
        </p>
      </div>
      <ResultNotice error={error} partial={Boolean(data)} />
      {fetching ? <p role="status">Hämtar …</p> : null}
      {report ? (
        <dl className="key-figures">
          <div>
            <dt>Nya deltagare</dt>
            <dd>{participants ? <Disclosed figure={participants.new} /> : '–'}</dd>
          </div>
          <div>
            <dt>Deltagare totalt</dt>
            <dd>{participants ? <Disclosed figure={participants.total} /> : '–'}</dd>
          </div>
          <div>
            <dt>Medelålder, nya</dt>
            <dd>
              {!participants ? (
                '–'
              ) : participants.averageAgeAtEntry.suppressed || participants.averageAgeAtEntry.value == null ? (
                <Disclosed figure={participants.averageAgeAtEntry} />
              ) : (
                `${formatNumber(participants.averageAgeAtEntry.value)} år`
              )}
            </dd>
          </div>
          <div>
            <dt>Beslut</dt>
            <dd>{report.decisions == null ? '–' : formatNumber(report.decisions)}</dd>
          </div>
          <div>
            <dt>Avvikelser</dt>
            <dd>{report.avvikelser == null ? '–' : formatNumber(report.avvikelser)}</dd>
          </div>
        </dl>
      ) : null}
      {participants ? (
        <section aria-labelledby={`${periodId}-hemkommun`}>
          <h3 id={`${periodId}-hemkommun`}>Deltagare per hemkommun</h3>
          <BarChart
            title={`Deltagare totalt per hemkommun, ${when(shown.year)} och ${when(shown.year - 1)}`}
            valueName={when(shown.year)}
            compareName={when(shown.year - 1)}
            bars={participants.hemkommuner.map((h) => ({
              label: kommun.get(h.scbCode) ?? h.scbCode,
              value: drawn(h.total),
              compare: drawn(h.totalPreviousYear),
            }))}
          />
          <table>
            <caption>
              Deltagare per hemkommun {when(shown.year)} (inom parentes {when(shown.year - 1)})
            </caption>
            <thead>
              <tr>
                <th scope="col">Hemkommun</th>
                <th scope="col">Nya</th>
                <th scope="col">Totalt</th>
              </tr>
            </thead>
            <tbody>
              {participants.hemkommuner.map((h) => (
                <tr key={h.scbCode}>
                  <th scope="row">{kommun.get(h.scbCode) ?? h.scbCode}</th>
                  <td className="num">
                    <Disclosed figure={h.new} /> (<Disclosed figure={h.newPreviousYear} />)
                  </td>
                  <td className="num">
                    <Disclosed figure={h.total} /> (<Disclosed figure={h.totalPreviousYear} />)
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Alla</th>
                <td className="num">
                  <Disclosed figure={participants.new} />
                </td>
                <td className="num">
                  <Disclosed figure={participants.total} />
                </td>
              </tr>
            </tfoot>
          </table>
          <p className="muted">
            Raderna per hemkommun räknar deltaganden med samtycke; summan räknar personer i alla insatser.
          </p>
        </section>
      ) : null}
      {participants ? (
        <section aria-labelledby={`${periodId}-insats`}>
          <h3 id={`${periodId}-insats`}>Deltagare per insats</h3>
          <table>
            <caption>Deltagare per insats {when(shown.year)}</caption>
            <thead>
              <tr>
                <th scope="col">Insats</th>
                <th scope="col">Nya</th>
                <th scope="col">Totalt</th>
                <th scope="col">Avslutade</th>
                <th scope="col">Stegförflyttning</th>
              </tr>
            </thead>
            <tbody>
              {participants.interventions.map((i) => (
                <tr key={i.intervention.id}>
                  <th scope="row">{i.intervention.name ?? i.intervention.id}</th>
                  <td className="num">
                    <Disclosed figure={i.new} />
                  </td>
                  <td className="num">
                    <Disclosed figure={i.total} />
                  </td>
                  <td className="num">
                    <Disclosed figure={i.exited} />
                  </td>
                  <td className="num">
                    {i.stepForwardShare.suppressed || i.stepForwardShare.value == null ? (
                      <Disclosed figure={i.stepForwardShare} />
                    ) : (
                      formatPercent(i.stepForwardShare.value)
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <table>
            <caption>Nya deltagare {when(shown.year)} efter remittent</caption>
            <thead>
              <tr>
                <th scope="col">Remittent</th>
                <th scope="col">Nya</th>
              </tr>
            </thead>
            <tbody>
              {referrers.map(([key, count]) => (
                <tr key={key}>
                  <th scope="row">{REFERRER_UNIT[key] ?? key}</th>
                  <td className="num">
                    <Disclosed figure={count} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {participants ? (
        <section aria-labelledby={`${periodId}-utfall`}>
          <h3 id={`${periodId}-utfall`}>Avslut efter utfall</h3>
          <BarChart
            title={`Avslutade deltagare ${when(shown.year)} efter utfall`}
            bars={exits.map(([key, count]) => ({ label: OUTCOME[key] ?? key, value: drawn(count) }))}
          />
          <table>
            <caption>Avslutade deltagare {when(shown.year)} efter utfall</caption>
            <thead>
              <tr>
                <th scope="col">Utfall</th>
                <th scope="col">Antal</th>
              </tr>
            </thead>
            <tbody>
              {exits.map(([key, count]) => (
                <tr key={key}>
                  <th scope="row">{OUTCOME[key] ?? key}</th>
                  <td className="num">
                    <Disclosed figure={count} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">Ett avslut med flera utfall räknas en gång under varje utfall.</p>
        </section>
      ) : null}
      {finance ? (
        <section aria-labelledby={`${periodId}-budget`}>
          <h3 id={`${periodId}-budget`}>Budget per insats</h3>
          {half ? (
            <p className="muted">Förbrukat räknar rekvisitionerna för januari–juni mot årets tilldelade medel.</p>
          ) : null}
          <BarChart
            title={`Förbrukat och tilldelat per insats ${when(shown.year)}`}
            valueName="Förbrukat"
            compareName="Tilldelat"
            format={formatKronor}
            bars={finance.interventions.map((i) => ({
              label: i.intervention.name ?? i.intervention.id,
              value: i.used,
              compare: i.allocated,
            }))}
          />
          <table>
            <caption>Budget per insats {when(shown.year)}</caption>
            <thead>
              <tr>
                <th scope="col">Insats</th>
                <th scope="col">Tilldelat</th>
                <th scope="col">Förbrukat</th>
                <th scope="col">Differens</th>
              </tr>
            </thead>
            <tbody>
              {finance.interventions.map((i) => (
                <tr key={i.intervention.id}>
                  <th scope="row">{i.intervention.name}</th>
                  <td className="num">{formatKronor(i.allocated)}</td>
                  <td className="num">{formatKronor(i.used)}</td>
                  <td className="num">{formatKronor(i.differens)}</td>
                </tr>
              ))}
              {/* A post the förbund funds for several insatser (Kurator Region): its own row, counted in the sum. */}
              {finance.sharedPosts.map((p) => (
                <tr key={p.sharedPost.id}>
                  <th scope="row">{p.sharedPost.name} (gemensam tjänst)</th>
                  <td className="num">{formatKronor(p.money.allocated)}</td>
                  <td className="num">{formatKronor(p.money.used)}</td>
                  <td className="num">{formatKronor(p.money.differens)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Summa</th>
                <td className="num">{formatKronor(finance.allocated)}</td>
                <td className="num">{formatKronor(finance.used)}</td>
                <td className="num">{formatKronor(finance.differens)}</td>
              </tr>
            </tfoot>
          </table>
        </section>
      ) : null}
      {report && !half ? <BoardPlanGoals year={shown.year} /> : null}
      {report && !half ? (
        <section aria-labelledby={`${periodId}-export`}>
          <h3 id={`${periodId}-export`}>Uppföljning Finsam</h3>
          <p>
            Försäkringskassans uppföljning: per insats deltagare efter kön, deltagare i strukturövergripande insatser
            och budget, samt förbundets tilldelade medel och egna kapital.
          </p>
          <Download
            path={`export/uppfoljning-finsam/${shown.year}.csv`}
            filename={`uppfoljning-finsam-${shown.year}.csv`}
          >
            {`Ladda ner Uppföljning Finsam ${shown.year} (CSV)`}
          </Download>
        </section>
      ) : null}
    </>
  );
}
