/**
 * Schema composition: each subgraph's SDL, the supergraph the gateway (or a Router) loads, and the API schema
 * clients see (the web client's operations are typed from it). `npm run schema` writes them to schema/; a test
 * fails when the committed files are stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { printSchema, Supergraph } from '@apollo/federation-internals';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { SUBGRAPHS } from './subgraphs.js';

export const SCHEMA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schema');
export const SUPERGRAPH_FILE = path.join(SCHEMA_DIR, 'supergraph.graphql');
/** What a client of the gateway sees: the supergraph without its join__/link machinery. */
export const API_SCHEMA_FILE = path.join(SCHEMA_DIR, 'api.graphql');

export interface Composition {
  subgraphs: Record<string, string>;
  supergraph: string;
}

export function compose(): Composition {
  const subgraphs = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, printSubgraphSchema(s.buildSchema())]));
  const result = composeServices(
    SUBGRAPHS.map((s) => ({
      name: s.name,
      url: `http://localhost:${s.port}/graphql`,
      typeDefs: parse(subgraphs[s.name]!),
    })),
  );
  if (result.errors?.length) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return { subgraphs, supergraph: result.supergraphSdl! };
}

/** The files `compose()` should produce, by path. */
export function schemaFiles(composition: Composition): Record<string, string> {
  return {
    ...Object.fromEntries(
      Object.entries(composition.subgraphs).map(([name, sdl]) => [path.join(SCHEMA_DIR, `${name}.graphql`), sdl]),
    ),
    [SUPERGRAPH_FILE]: composition.supergraph,
    [API_SCHEMA_FILE]: apiSchema(composition.supergraph),
  };
}

/** The client API schema of a supergraph, printed as the gateway serves it (introspection gives the same). */
export function apiSchema(supergraphSdl: string): string {
  return `${printSchema(Supergraph.build(supergraphSdl).apiSchema())}\n`;
}

export function readSupergraph(): string {
  return fs.readFileSync(SUPERGRAPH_FILE, 'utf8');
}
