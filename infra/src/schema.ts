/** `npm run schema`: writes each subgraph's SDL and the composed supergraph to schema/. */
import fs from 'node:fs';
import path from 'node:path';
import { compose, schemaFiles } from './compose.js';

for (const [file, content] of Object.entries(schemaFiles(compose()))) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
