/**
 * How much of the client-facing graph says what it is: the share of the supergraph's fields,
 * arguments, input fields and enum values (and their types) that carry a description.
 * Federation's own machinery (join__*, link__*, its directives) is not the graph's and is left out.
 */
import {
  buildASTSchema,
  type GraphQLNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  parse,
} from 'graphql';

export interface DescriptionCoverage {
  described: number;
  total: number;
  /** Schema coordinates without a description, e.g. `Query.forbund`, `Query.intervention(id:)`. */
  missing: string[];
}

const isFederationMachinery = (name: string) => name.startsWith('__') || /^(join|link)__/.test(name);

export function descriptionCoverage(supergraphSdl: string): DescriptionCoverage {
  const schema = buildASTSchema(parse(supergraphSdl), { assumeValidSDL: true });
  const missing: string[] = [];
  let total = 0;
  const check = (coordinate: string, description: string | null | undefined) => {
    total++;
    if (!description?.trim()) {
      missing.push(coordinate);
    }
  };
  const types = Object.values(schema.getTypeMap()).filter((t: GraphQLNamedType) => !isFederationMachinery(t.name));
  for (const type of types) {
    if (isObjectType(type) || isInterfaceType(type)) {
      if (!['Query', 'Mutation'].includes(type.name)) {
        check(type.name, type.description);
      }
      for (const field of Object.values(type.getFields())) {
        check(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args) {
          check(`${type.name}.${field.name}(${arg.name}:)`, arg.description);
        }
      }
    } else if (isInputObjectType(type)) {
      check(type.name, type.description);
      for (const field of Object.values(type.getFields())) {
        check(`${type.name}.${field.name}`, field.description);
      }
    } else if (isEnumType(type)) {
      check(type.name, type.description);
      for (const value of type.getValues()) {
        check(`${type.name}.${value.name}`, value.description);
      }
    }
  }
  return { described: total - missing.length, total, missing };
}
