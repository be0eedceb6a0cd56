/**
 * Login with OpenID Connect: the authorization-code flow with PKCE (oidc-client-ts), at the issuer the person
 * chooses. The access token (for the graph) is kept in sessionStorage: it lasts this tab's session only.
 */
import { type User, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { ClientConfig } from './config.js';

const CHOSEN_ISSUER = 'finsam.issuer';

/** The callback route: /app/callback when served by the gateway, /callback under Vite's dev server. */
export const CALLBACK_PATH = `${import.meta.env.BASE_URL}callback`;

function managerFor(config: ClientConfig, issuer: string): UserManager {
  return new UserManager({
    authority: issuer,
    client_id: config.clientId,
    redirect_uri: `${window.location.origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${window.location.origin}${import.meta.env.BASE_URL}`,
    response_type: 'code',
    scope: 'openid email profile',
    loadUserInfo: false,
    // Tokens last a working day; no hidden iframe renewing them.
    automaticSilentRenew: false,
    monitorSession: false,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
}

export interface Auth {
  user: User | null;
  login(issuer: string): Promise<void>;
  logout(): Promise<void>;
}

/** Finishes a login when the page is the callback, then returns who is logged in (or nobody). */
export async function startAuth(config: ClientConfig): Promise<Auth> {
  const chosen = sessionStorage.getItem(CHOSEN_ISSUER) ?? config.issuers[0]?.issuer;
  let manager = chosen ? managerFor(config, chosen) : null;
  let user: User | null = null;
  if (manager && window.location.pathname === CALLBACK_PATH) {
    user = await manager.signinRedirectCallback();
    window.history.replaceState(null, '', import.meta.env.BASE_URL);
  } else if (manager) {
    user = await manager.getUser();
    if (user?.expired) {
      await manager.removeUser();
      user = null;
    }
  }
  return {
    user,
    async login(issuer) {
      sessionStorage.setItem(CHOSEN_ISSUER, issuer);
      manager = managerFor(config, issuer);
      await manager.signinRedirect();
    },
    async logout() {
      await manager?.removeUser();
      sessionStorage.clear();
      window.location.assign(import.meta.env.BASE_URL);
    },
  };
}
