/**
 * A small horizontal bar chart in SVG, for figures a person would rather look at than read. It is one image to
 * assistive technology (role="img") whose text alternative states every bar's figure; the table with the same
 * figures stays beside it. A withheld figure gets no bar and reads "dold", never 0.
 */
import { formatNumber } from '../labels.js';

export interface Bar {
  label: string;
  /** null when withheld (suppressed): no bar is drawn. */
  value: number | null;
  /** The figure compared with, e.g. the year before or what was allocated; drawn as a thinner bar. */
  compare?: number | null;
}

interface Props {
  /** The chart's caption, also the start of its text alternative. */
  title: string;
  bars: Bar[];
  /** What the bars are, e.g. "2021"; named in the legend when there is a comparison. */
  valueName?: string;
  /** What the thinner bars are, e.g. "2020". */
  compareName?: string;
  format?(value: number): string;
}

const WIDTH = 640;
const LABEL = 200;
const FIGURE = 110;
const ROW = 30;
const PAD = 6;

export function BarChart({ title, bars, valueName, compareName, format = formatNumber }: Props) {
  // A compared figure that is withheld (null) still reads "dold"; only bars without one leave it out.
  const hasCompare = compareName !== undefined && bars.some((b) => b.compare !== undefined);
  const max = Math.max(1, ...bars.flatMap((b) => [b.value ?? 0, hasCompare ? (b.compare ?? 0) : 0]));
  const scale = (v: number) => (v / max) * (WIDTH - LABEL - FIGURE - PAD * 2);
  const shown = (v: number | null | undefined) => (v == null ? 'dold' : format(v));
  const alt =
    `${title}. ` +
    bars
      .map(
        (b) =>
          `${b.label}: ${hasCompare && valueName ? `${valueName} ` : ''}${shown(b.value)}` +
          (hasCompare ? `, ${compareName} ${shown(b.compare)}` : ''),
      )
      .join('; ') +
    '.';
  const height = bars.length * ROW + PAD * 2;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg role="img" aria-label={alt} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" height={height}>
        {bars.map((b, i) => {
          const y = PAD + i * ROW;
          const x = LABEL + PAD;
          return (
            <g key={b.label}>
              <text x={LABEL} y={y + ROW / 2} dy="0.35em" textAnchor="end" className="chart-label">
                {b.label}
              </text>
              {b.value == null ? null : (
                <rect x={x} y={y + 4} width={scale(b.value)} height={hasCompare ? 12 : 20} className="chart-bar" />
              )}
              {hasCompare && b.compare != null ? (
                <rect x={x} y={y + 18} width={scale(b.compare)} height={6} className="chart-bar-compare" />
              ) : null}
              <text
                x={x + scale(b.value ?? 0) + PAD}
                y={y + (hasCompare ? 10 : 14)}
                dy="0.35em"
                className={b.value == null ? 'chart-figure suppressed' : 'chart-figure'}
              >
                {b.value == null ? '— (dold)' : format(b.value)}
              </text>
            </g>
          );
        })}
      </svg>
      {hasCompare ? (
        <p className="chart-legend" aria-hidden="true">
          <span className="swatch swatch-value" /> {valueName} <span className="swatch swatch-compare" /> {compareName}
        </p>
      ) : null}
    </figure>
  );
}
