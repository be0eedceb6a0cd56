/**
 * What went wrong with a query, shown beside what did arrive: the graph answers with data and an errors array
 * side by side, so a missing part (a subgraph down, a field refused) is a notice, not a blank page.
 */
import type { CombinedError } from 'urql';

const CODE: Record<string, string> = {
  FORBIDDEN: 'saknar behörighet',
  UNAUTHENTICATED: 'inte inloggad',
  BAD_USER_INPUT: 'ogiltig uppgift',
  NOT_FOUND: 'finns inte',
  SUBGRAPH_UNAVAILABLE: 'tjänsten svarar inte just nu',
};

export function ResultNotice({ error, partial }: { error: CombinedError | undefined; partial: boolean }) {
  if (!error) {
    return null;
  }
  if (error.networkError) {
    return (
      <div className="notice notice-error" role="alert">
        <p>Tjänsten kunde inte nås. Försök igen om en stund.</p>
      </div>
    );
  }
  return (
    <div className={partial ? 'notice notice-partial' : 'notice notice-error'} role={partial ? 'status' : 'alert'}>
      <p>{partial ? 'Delar av svaret saknas – det som kunde hämtas visas nedan.' : 'Uppgifterna kunde inte hämtas.'}</p>
      <ul>
        {error.graphQLErrors.map((e, i) => {
          const code = typeof e.extensions?.code === 'string' ? e.extensions.code : undefined;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: errors have no identity of their own
            <li key={i}>
              {e.message}
              {code ? ` (${CODE[code] ?? code})` : ''}
              {e.path?.length ? ` – ${e.path.join('.')}` : ''}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
