/**
 * Årshjulet: the year as a wheel of twelve months, a dot for each meeting and a diamond for each deadline at its
 * day. One image to assistive technology, whose text alternative lists each month's items; the table beside it
 * has the same items.
 */

export interface WheelItem {
  /** YYYY-MM-DD */
  date: string;
  label: string;
  deadline: boolean;
}

const SIZE = 360;
const C = SIZE / 2;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
const MONTH_NAMES = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
];

/** The point at `radius` for a fraction of the year, 0 at the top, clockwise. */
function at(fraction: number, radius: number): [number, number] {
  const angle = fraction * 2 * Math.PI - Math.PI / 2;
  return [C + radius * Math.cos(angle), C + radius * Math.sin(angle)];
}

function sector(month: number, inner: number, outer: number): string {
  const [x1, y1] = at(month / 12, outer);
  const [x2, y2] = at((month + 1) / 12, outer);
  const [x3, y3] = at((month + 1) / 12, inner);
  const [x4, y4] = at(month / 12, inner);
  return `M${x1} ${y1} A${outer} ${outer} 0 0 1 ${x2} ${y2} L${x3} ${y3} A${inner} ${inner} 0 0 0 ${x4} ${y4} Z`;
}

export function YearWheel({ year, items }: { year: number; items: WheelItem[] }) {
  const start = Date.UTC(year, 0, 1);
  const length = Date.UTC(year + 1, 0, 1) - start;
  const fraction = (date: string) => (Date.parse(`${date}T12:00:00Z`) - start) / length;
  const alt =
    `Årshjul ${year}. ` +
    MONTH_NAMES.map((name, m) => {
      const inMonth = items.filter((i) => Number(i.date.slice(5, 7)) === m + 1);
      const what = inMonth.length
        ? inMonth.map((i) => `${Number(i.date.slice(8, 10))} ${name}: ${i.label}`).join(', ')
        : 'inget';
      return `${name[0]!.toUpperCase()}${name.slice(1)}: ${what}.`;
    }).join(' ');
  return (
    <figure className="chart year-wheel">
      <figcaption>Årshjul {year}: sammanträden och tidsfrister</figcaption>
      <svg role="img" aria-label={alt} viewBox={`0 0 ${SIZE} ${SIZE}`} width={SIZE} height={SIZE}>
        {MONTHS.map((name, m) => {
          const [x, y] = at((m + 0.5) / 12, 148);
          return (
            <g key={name}>
              <path d={sector(m, 124, 172)} className={m % 2 ? 'wheel-month' : 'wheel-month wheel-month-alt'} />
              <text x={x} y={y} dy="0.35em" textAnchor="middle" className="chart-label">
                {name}
              </text>
            </g>
          );
        })}
        {items.map((item) => {
          const f = fraction(item.date);
          if (item.deadline) {
            const [x, y] = at(f, 82);
            return (
              <rect
                key={`${item.date}-${item.label}`}
                x={x - 6}
                y={y - 6}
                width={12}
                height={12}
                transform={`rotate(45 ${x} ${y})`}
                className="wheel-deadline"
              />
            );
          }
          const [x, y] = at(f, 108);
          return <circle key={`${item.date}-${item.label}`} cx={x} cy={y} r={6} className="wheel-meeting" />;
        })}
        <text x={C} y={C} dy="0.35em" textAnchor="middle" className="wheel-year">
          {year}
        </text>
      </svg>
      <p className="chart-legend" aria-hidden="true">
        <span className="swatch swatch-meeting" /> sammanträde <span className="swatch swatch-deadline" /> tidsfrist
      </p>
    </figure>
  );
}
