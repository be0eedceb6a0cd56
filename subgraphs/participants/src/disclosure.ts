/** Moved to domain/disclosure.ts; kept for importers outside this subgraph (test/support) until they move. */
export * from './domain/disclosure.js';
