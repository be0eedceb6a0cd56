/** The page before login: one button per trusted issuer, the person's own organisation's login. */
import type { Auth } from './auth.js';
import type { ClientConfig, LoginIssuer } from './config.js';

export function Login({ config, auth }: { config: ClientConfig; auth: Auth }) {
  return (
    <>
      <a className="skip-link" href="#main">
        Hoppa till innehållet
      </a>
      <header className="site-header">
        <p className="brand">FINSAM</p>
      </header>
      <main id="main" tabIndex={-1}>
        <h1>Logga in</h1>
        <p>Samordningsförbundens gemensamma plattform. Logga in med din arbetsgivares inloggning.</p>
        <ul className="login-choices">
          {config.issuers.map((issuer) => (
            <li key={issuer.issuer}>
              <button type="button" onClick={() => void auth.login(issuer.issuer)}>
                Logga in via {labelOf(issuer)}
              </button>
            </li>
          ))}
        </ul>
      </main>
    </>
  );
}

function labelOf(issuer: LoginIssuer): string {
  return issuer.label || new URL(issuer.issuer).host;
}
