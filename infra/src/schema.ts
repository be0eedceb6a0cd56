/** `npm run schema`: writes each subgraph's SDL and the composed supergraph to schema/, and says how much of it
 * is described (`-- --missing` lists what is not). */
import fs from 'node:fs';
import path from 'node:path';
import { compose, readSupergraph, schemaFiles } from './compose.js';
import { descriptionCoverage } from './schema-descriptions.js';

for (const [file, content] of Object.entries(schemaFiles(compose()))) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

const { described, total, missing } = descriptionCoverage(readSupergraph());
console.log(`descriptions: ${described} of ${total} (${((100 * described) / total).toFixed(1)} %)`);
if (process.argv.includes('--missing')) {
  console.log(missing.join('\n'));
}
