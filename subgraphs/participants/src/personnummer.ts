/** Moved to domain/personnummer.ts; kept for importers outside this subgraph (infra's demo seed) until they move. */
export * from './domain/personnummer.js';
