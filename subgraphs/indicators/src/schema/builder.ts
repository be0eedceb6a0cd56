import { createBuilder } from '@finsam/kit/builder.js';

/** The indicators subgraph's builder; every file in this folder adds its type to it. */
export const builder = createBuilder();
