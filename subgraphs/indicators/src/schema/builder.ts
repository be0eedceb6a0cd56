import { createBuilder } from '@finsam/kit/builder.js';

/** The indicators subgraph's builder; every file in this folder adds its type to it. */
export const builder = createBuilder();

/** The kit registers the `Error` interface every typed error implements; referred to by name. */
export const ERROR_INTERFACE = 'Error' as never;
