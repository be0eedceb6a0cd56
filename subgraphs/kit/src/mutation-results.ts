/**
 * Every mutation field is nullable. A request may send several mutations; they run one after another and
 * each commits on its own. Were their results non-null, one failing with a request-level error
 * (FORBIDDEN, BAD_USER_INPUT, an internal error) would null the whole `data` (GraphQL's null propagation)
 * after the earlier ones had committed, and the client would lose their results and ids (issue 21).
 * Nullable, the failed field alone is null, its error at its path; the typed errors (ValidationError, …)
 * stay results as before.
 */
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';

export class NullableMutationsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    if (fieldConfig.parentType !== 'Mutation' || fieldConfig.type.kind === 'List') {
      return fieldConfig;
    }
    return { ...fieldConfig, type: { ...fieldConfig.type, nullable: true } };
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      nullableMutations: NullableMutationsPlugin<Types>;
    }
  }
}

/** The plugin's name, as `createBuilder` lists it (after the errors plugin, which makes the result type). */
export const nullableMutationsPlugin = 'nullableMutations' as const;
SchemaBuilder.registerPlugin(nullableMutationsPlugin, NullableMutationsPlugin);
