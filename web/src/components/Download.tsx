/**
 * A file the gateway builds from the graph (e.g. the Uppföljning Finsam CSV), downloaded with the person's token:
 * a plain link cannot carry the Authorization header, so the file is fetched and handed to the browser as a Blob.
 */
import { createContext, useContext, useState } from 'react';

/** Where the gateway is and what every request to it carries; App provides it. */
export const GatewayAccess = createContext<{ graphql: string; headers: Record<string, string> }>({
  graphql: '/graphql',
  headers: {},
});

/** Hands `blob` to the browser as a file named `filename`: a link to it, clicked from script. */
export function saveFile(blob: Blob, filename: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has the file once the click is handled; the object URL is not needed after that.
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

const REFUSED: Record<number, string> = {
  401: 'Du är inte inloggad längre. Logga in igen.',
  403: 'Du har inte behörighet att hämta filen.',
};

/** `path` is relative to the graph's URL, e.g. "export/uppfoljning-finsam/2021.csv". */
export function Download({ path, filename, children }: { path: string; filename: string; children: string }) {
  const { graphql, headers } = useContext(GatewayAccess);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setProblem(null);
    setBusy(true);
    try {
      // The gateway serves its files beside the graph: "export/…" relative to ".../graphql".
      const url = new URL(path, new URL(graphql, window.location.href));
      const res = await fetch(url, { headers });
      if (!res.ok) {
        setProblem(REFUSED[res.status] ?? `Filen kunde inte hämtas (HTTP ${res.status}).`);
        return;
      }
      saveFile(await res.blob(), filename);
    } catch {
      setProblem('Tjänsten kunde inte nås. Försök igen om en stund.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="download">
      <button type="button" onClick={() => void download()} aria-busy={busy}>
        {children}
      </button>
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
