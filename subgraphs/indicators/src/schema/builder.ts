import { createBuilder } from '@finsam/kit/builder.js';

/** The indicators subgraph's builder; every file in this folder adds its type to it. */
export const builder = createBuilder();

/**
 * Registers one of this subgraph's typed errors (a class with a `code`) as an object type
 * implementing the kit's `Error` interface, which the kit registers and we refer to by name.
 */
export function errorType<T extends Error & { code: string }>(cls: new (...args: never[]) => T, description: string) {
  builder.objectType(cls, {
    name: cls.name,
    description,
    interfaces: ['Error' as never],
    isTypeOf: (value) => value instanceof cls,
    fields: () => ({}),
  });
}
