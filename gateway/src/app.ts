/**
 * The web client under /app: the built single-page application (web/dist), its configuration at
 * /app/config.json, and index.html for every other path under /app (the SPA routes it, /app/callback included).
 * The configuration names the issuers the gateway trusts from the start, so one build works anywhere.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import type { IssuerConfig } from './issuers.js';

/** Where `vite build` writes the client (web/dist). */
export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');
/** The public OIDC client (authorization code + PKCE) the web client logs in as, at every issuer. */
export const WEB_CLIENT_ID = 'finsam-web';

export interface WebClientOptions {
  /** The issuers people log in with: one login button each. */
  issuers: IssuerConfig[];
  distDir?: string;
}

/** What the client reads at start (web/src/config.ts). */
export function webClientConfig(issuers: IssuerConfig[]) {
  return {
    clientId: WEB_CLIENT_ID,
    graphql: '/graphql',
    issuers: issuers.map(({ issuer }) => ({ issuer, label: loginLabel(issuer) })),
  };
}

/**
 * The words on an issuer's login button: by the last segment of its identifier, the organisations whose people
 * log in there; otherwise its host.
 */
function loginLabel(issuer: string): string {
  const url = new URL(issuer);
  const last = url.pathname.split('/').filter(Boolean).pop();
  return LOGIN_LABELS[last ?? ''] ?? url.host;
}

const LOGIN_LABELS: Record<string, string> = {
  kommun: 'kommun/region',
  statlig: 'Försäkringskassan/Arbetsförmedlingen',
};

export function serveWebClient(app: Express, { issuers, distDir = WEB_DIST }: WebClientOptions): void {
  const config = webClientConfig(issuers);
  // The page talks to its own origin and, to log in, to the issuers (discovery, token endpoint).
  const issuerOrigins = [...new Set(issuers.map((i) => new URL(i.issuer).origin))].join(' ');
  const csp = [
    "default-src 'self'",
    `connect-src 'self' ${issuerOrigins}`,
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    `form-action 'self' ${issuerOrigins}`,
  ].join('; ');
  const index = path.join(distDir, 'index.html');

  const router = express.Router();
  router.use((_req, res, next) => {
    res.set({ 'content-security-policy': csp, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
    next();
  });
  router.get('/config.json', (_req, res) => {
    res.set('cache-control', 'no-store').json(config);
  });
  // Hashed file names: cached for good. Everything else is revalidated.
  router.use('/assets', express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '1y', index: false }));
  router.use(express.static(distDir, { index: false }));
  router.get(/.*/, (_req, res) => {
    if (!fs.existsSync(index)) {
      res.status(503).type('text/plain; charset=utf-8');
      res.send('Webbklienten är inte byggd. Kör `npm run build:web` (eller `npm start`, som bygger den).\n');
      return;
    }
    res.set('cache-control', 'no-cache').sendFile(index);
  });
  // Routing is not strict: '/app' also matches '/app/', which must not redirect to itself.
  app.get('/app', (req, res, next) => (req.originalUrl === '/app' ? res.redirect(301, '/app/') : next()));
  app.use('/app', router);
}
