/**
 * `npm run codegen -w web`: typed operations (TypedDocumentNode) for every `graphql(...)` call in src/, from the
 * API schema clients see (schema/api.graphql, written by `npm run schema`). The output is committed; a test
 * regenerates it into a temporary folder (CODEGEN_OUT) and fails when the committed copy differs.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../schema/api.graphql',
  documents: ['src/**/*.tsx', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    [process.env.CODEGEN_OUT ?? 'src/gql/']: {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { Date: 'string', DateTime: 'string', Kronor: 'number' },
      },
    },
  },
};

export default config;
