/** A figure under disclosure control: a withheld cell says so, and is never shown as 0. */
import { graphql } from '../gql/index.js';
import { formatNumber } from '../labels.js';

/** What a view selects of a count or an average under the disclosure policy, written once. */
export const DisclosedFragments = [
  graphql(`
    fragment DisclosedCountFields on DisclosedCount {
      suppressed
      value
    }
  `),
  graphql(`
    fragment DisclosedAverageFields on DisclosedAverage {
      suppressed
      value
    }
  `),
];

/** A count or an average as the graph gives it: `value` is null when withheld. */
export interface Figure {
  suppressed: boolean;
  value?: number | null;
}

/** The value a chart draws: none (no bar, "dold") for a withheld figure. */
export const drawn = (f: Figure) => (f.suppressed ? null : (f.value ?? 0));

export function Disclosed({ figure }: { figure: Figure }) {
  if (figure.suppressed) {
    return (
      <span className="suppressed" title="Dold: uppgiften skulle kunna röja en enskild person">
        — (dold)
      </span>
    );
  }
  return <>{figure.value == null ? '–' : formatNumber(figure.value)}</>;
}
