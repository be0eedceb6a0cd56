/**
 * schema/ is the contract: each subgraph's SDL and the composed supergraph the gateway loads.
 * Composition must succeed, and the committed files must be what the code produces now.
 */
import fs from 'node:fs';
import path from 'node:path';
import { compose, SCHEMA_DIR, schemaFiles } from '@finsam/infra/compose.js';

describe('schema/', () => {
  const composition = compose();

  it('composes without errors, with Forbund as an entity owned by governance', () => {
    // Subgraphs are listed alphabetically: governance's key may follow another's (finance).
    expect(composition.supergraph).toMatch(
      /type Forbund\s+(@join__type\([^)]*\)\s+)*@join__type\(graph: GOVERNANCE, key: "id"\)/,
    );
  });

  it.each(
    Object.entries(schemaFiles(composition)).map(([file, content]) => [path.relative(SCHEMA_DIR, file), file, content]),
  )('%s is committed and current (run `npm run schema` after a schema change)', (_name, file, content) => {
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toBe(content);
  });

  it('holds no stale subgraph file', () => {
    const expected = new Set(Object.keys(schemaFiles(composition)).map((f) => path.basename(f)));
    const present = fs.readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.graphql'));
    expect(present.filter((f) => !expected.has(f))).toEqual([]);
  });
});
