/** Boots the client: its configuration from the gateway, a finished login if this is the callback, then the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { startAuth } from './auth.js';
import { loadConfig } from './config.js';
import { Login } from './Login.js';
import { Respond } from './views/Respond.js';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

/** The respondent's page (/app/svara) needs no login: a svarskod is all a respondent has. */
const RESPONDING = /^svara\/?$/.test(window.location.pathname.slice(import.meta.env.BASE_URL.length));

async function boot() {
  const config = await loadConfig();
  if (RESPONDING) {
    root.render(
      <StrictMode>
        <Respond graphqlUrl={config.graphql} />
      </StrictMode>,
    );
    return;
  }
  const auth = await startAuth(config);
  root.render(
    <StrictMode>{auth.user ? <App config={config} auth={auth} /> : <Login config={config} auth={auth} />}</StrictMode>,
  );
}

boot().catch((error: Error) => {
  root.render(
    <main id="main">
      <h1>Något gick fel</h1>
      <p role="alert">{error.message}</p>
      <p>
        <a href={import.meta.env.BASE_URL}>Försök igen</a>
      </p>
    </main>,
  );
});
