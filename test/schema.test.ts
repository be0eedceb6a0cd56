/**
 * schema/ is the contract: each subgraph's SDL and the composed supergraph the gateway loads.
 * Composition must succeed, and the committed files must be what the code produces now.
 */
import fs from 'node:fs';
import path from 'node:path';
import { compose, readSupergraph, SCHEMA_DIR, schemaFiles } from '@finsam/infra/compose.js';
import { descriptionCoverage } from '@finsam/infra/schema-descriptions.js';

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

describe('schema descriptions', () => {
  it('cover at least 95 % of the supergraph (`npm run schema -- --missing` lists the rest)', () => {
    const { described, total } = descriptionCoverage(readSupergraph());
    expect(described / total).toBeGreaterThanOrEqual(0.95);
  });

  it('count every type, field, argument, input field and enum value without one as missing', () => {
    const sdl = `"""A thing."""
      type Query { """Described.""" a(x: Int): Int b(y: In): Int }
      input In { v: Int """Described.""" w: Int }
      """Described."""
      enum E { """Described.""" A B }`;
    expect(descriptionCoverage(sdl)).toEqual({
      described: 4,
      total: 10,
      missing: ['Query.a(x:)', 'Query.b', 'Query.b(y:)', 'In', 'In.v', 'E.B'],
    });
  });
});
