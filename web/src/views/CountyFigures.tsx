/**
 * The county analyst's figures per förbund beside the county's (issue 19): kön, exits by outcome,
 * stegförflyttning, average age, and money (tilldelat, förbrukat, eget kapital from finance). Counts and
 * averages come under disclosure control — a withheld cell reads "— (dold)", never 0; money reveals no
 * person and is shown as it is, summed for the county only when every förbund has it.
 */
import { Disclosed, type Figure } from '../components/Suppressed.js';
import { formatKronor, formatPercent, KON, OUTCOME } from '../labels.js';

interface KeyCount {
  key: string;
  count: Figure;
}
interface Breakdowns {
  totalByKon: KeyCount[];
  exitsByOutcome: KeyCount[];
  exited: Figure;
  stepForward: Figure;
  stepForwardShare: Figure;
  profile: { averageAge: Figure; persons: Figure; participations: Figure };
}
export interface CountyFiguresRow extends Breakdowns {
  year: {
    forbundId: string;
    finance: { allocated: number; used: number; closingEquity?: number | null } | null;
  };
}

const countOf = (list: KeyCount[], key: string): Figure =>
  list.find((c) => c.key === key)?.count ?? { suppressed: false, value: 0 };

/** A share as a percentage, or withheld. */
function Share({ figure }: { figure: Figure }) {
  if (figure.suppressed || figure.value == null) {
    return <Disclosed figure={figure} />;
  }
  return <>{formatPercent(figure.value)}</>;
}

/** Money of every förbund added up, or "–" when a förbund has none recorded. */
function sum(values: (number | null | undefined)[]): string {
  return values.every((v) => typeof v === 'number')
    ? formatKronor(values.reduce<number>((a, v) => a + (v as number), 0))
    : '–';
}

export function CountyFigures({
  year,
  rows,
  totals,
  nameOf,
}: {
  year: number;
  rows: CountyFiguresRow[];
  totals: Breakdowns;
  nameOf: (id: string) => string;
}) {
  const kons = [...new Set([...rows.flatMap((r) => r.totalByKon), ...totals.totalByKon].map((c) => c.key))].sort();
  const outcomes = Object.keys(OUTCOME).filter((o) =>
    [...rows.flatMap((r) => r.exitsByOutcome), ...totals.exitsByOutcome].some((c) => c.key === o),
  );
  const lines: [string, string, Breakdowns][] = [
    ...rows.map((r): [string, string, Breakdowns] => [r.year.forbundId, nameOf(r.year.forbundId), r]),
    ['lan', 'Länet', totals],
  ];
  return (
    <>
      <table>
        <caption>Deltagare {year} per kön, medelålder och stegförflyttning</caption>
        <thead>
          <tr>
            <th scope="col">Förbund</th>
            {kons.map((k) => (
              <th scope="col" key={k}>
                {KON[k] ?? k}
              </th>
            ))}
            <th scope="col">Personer</th>
            <th scope="col">Medelålder</th>
            <th scope="col">Avslutade</th>
            <th scope="col">Stegförflyttning</th>
          </tr>
        </thead>
        <tbody>
          {lines.map(([id, name, b]) => (
            <tr key={id}>
              <th scope="row">{name}</th>
              {kons.map((k) => (
                <td className="num" key={k}>
                  <Disclosed figure={countOf(b.totalByKon, k)} />
                </td>
              ))}
              <td className="num">
                <Disclosed figure={b.profile.persons} />
              </td>
              <td className="num">
                <Disclosed figure={b.profile.averageAge} />
              </td>
              <td className="num">
                <Disclosed figure={b.exited} />
              </td>
              <td className="num">
                <Share figure={b.stepForwardShare} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        Stegförflyttning: avslut till arbete (med eller utan stöd), studier, aktivt arbetssökande eller fortsatt aktiv
        rehabilitering, av alla avslut; ett avslut räknas en gång.
      </p>
      <table>
        <caption>Avslut {year} per utfall</caption>
        <thead>
          <tr>
            <th scope="col">Utfall</th>
            {lines.map(([id, name]) => (
              <th scope="col" key={id}>
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {outcomes.map((o) => (
            <tr key={o}>
              <th scope="row">{OUTCOME[o]}</th>
              {lines.map(([id, , b]) => (
                <td className="num" key={id}>
                  <Disclosed figure={countOf(b.exitsByOutcome, o)} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <caption>Ekonomi {year} per förbund</caption>
        <thead>
          <tr>
            <th scope="col">Förbund</th>
            <th scope="col">Tilldelat</th>
            <th scope="col">Förbrukat</th>
            <th scope="col">Eget kapital</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.year.forbundId}>
              <th scope="row">{nameOf(r.year.forbundId)}</th>
              <td className="num">{r.year.finance ? formatKronor(r.year.finance.allocated) : '–'}</td>
              <td className="num">{r.year.finance ? formatKronor(r.year.finance.used) : '–'}</td>
              <td className="num">
                {r.year.finance?.closingEquity == null ? '–' : formatKronor(r.year.finance.closingEquity)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Länet</th>
            <td className="num">{sum(rows.map((r) => r.year.finance?.allocated))}</td>
            <td className="num">{sum(rows.map((r) => r.year.finance?.used))}</td>
            <td className="num">{sum(rows.map((r) => r.year.finance?.closingEquity))}</td>
          </tr>
        </tfoot>
      </table>
    </>
  );
}
