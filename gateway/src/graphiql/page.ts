/**
 * A self-hosted GraphiQL: the page and every script and style come from npm packages
 * installed with the gateway, so it works with no network (no CDN).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Express } from 'express';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

/** A file inside an installed package (package exports hide the UMD builds from require). */
const packageFile = (pkg: string, file: string) =>
  path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);

const ASSETS: Record<string, { file: string; type: string }> = {
  'react.js': { file: packageFile('react', 'umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom.js': { file: packageFile('react-dom', 'umd/react-dom.production.min.js'), type: 'text/javascript' },
  'graphiql.js': { file: packageFile('graphiql', 'dist/index.umd.js'), type: 'text/javascript' },
  'graphiql.css': { file: packageFile('graphiql', 'dist/style.css'), type: 'text/css' },
  'start.js': { file: path.join(here, 'start.js'), type: 'text/javascript' },
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Samordningsförbund graph</title>
<link rel="stylesheet" href="/assets/graphiql.css">
</head>
<body style="margin:0">
<div id="graphiql" style="height:100vh">Loading GraphiQL…</div>
<script src="/assets/react.js"></script>
<script src="/assets/react-dom.js"></script>
<script src="/assets/graphiql.js"></script>
<script src="/assets/start.js"></script>
</body>
</html>
`;

export function serveGraphiql(app: Express): void {
  app.get('/', (_req, res) => {
    res.set(
      'Content-Security-Policy',
      "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:",
    );
    res.type('html').send(PAGE);
  });
  app.get('/assets/:name', (req, res) => {
    const asset = ASSETS[req.params.name];
    if (!asset) {
      res.status(404).end();
      return;
    }
    res.type(asset.type).set('Cache-Control', 'public, max-age=3600').sendFile(asset.file);
  });
}
