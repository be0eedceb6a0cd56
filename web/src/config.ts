/**
 * The client's configuration comes from the gateway that serves it (`/app/config.json`), so one build works in
 * development and production: which issuers people log in with, the OIDC client id, and where the graph is.
 */

export interface LoginIssuer {
  /** The issuer identifier (OpenID Connect discovery lives under it). */
  issuer: string;
  /** What the login button says, e.g. "kommun/region". */
  label: string;
}

export interface ClientConfig {
  clientId: string;
  /** The graph's URL, relative to the page or absolute. */
  graphql: string;
  issuers: LoginIssuer[];
}

export async function loadConfig(): Promise<ClientConfig> {
  const res = await fetch(`${import.meta.env.BASE_URL}config.json`, { cache: 'no-store' });
  if (!res.ok) {
    throw new Error(`Konfigurationen kunde inte hämtas (HTTP ${res.status}).`);
  }
  return (await res.json()) as ClientConfig;
}
