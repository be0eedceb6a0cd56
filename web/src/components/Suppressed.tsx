/** A figure under disclosure control: a withheld cell says so, and is never shown as 0. */
import { formatNumber } from '../labels.js';

export function Disclosed({ figure }: { figure: { suppressed: boolean; value?: number | null } }) {
  if (figure.suppressed) {
    return (
      <span className="suppressed" title="Dold: uppgiften skulle kunna röja en enskild person">
        — (dold)
      </span>
    );
  }
  return <>{figure.value == null ? '–' : formatNumber(figure.value)}</>;
}
