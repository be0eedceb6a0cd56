/**
 * Which subgraph may ask which other subgraph, and for what: the one allow-list of service calls,
 * as data. Each entry is a root `Query` field the caller's code sends (`ctx.services.query`);
 * `_entities:<Type>` allows entity lookups of that type only; `mutation:<field>` allows that one
 * root `Mutation` field (a merger: governance tells the others to carry records over). A subgraph
 * holds the public service keys of its callers here and no others, and answers a service token only
 * for these fields, so a compromised subgraph (indicators answers anonymous respondents) can mint no
 * token that reads persons: participants answers governance the insats a participation belongs to,
 * and carries a merger's participations over for it.
 */
import {
  type DocumentNode,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql';

export const SERVICE_CALLS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  // AccessGrant: a grant's insatser are the förbund's; Intervention: an insats' owners (styrgrupp seats).
  // Decision: the participation a decision names exists, and in which insats (nothing about the person).
  // Merger (Merger.ts): teams, participants, finance and indicators carry the merged förbund's records over.
  governance: {
    teams: ['intervention', 'mutation:carryOverInterventions'],
    participants: ['participationInsatsId', 'mutation:carryOverParticipations'],
    finance: ['mutation:carryOverAllocations', 'mutation:carryOverBudgets'],
    indicators: ['mutation:carryOverSurveyRounds'],
  },
  // An insats' owners and a position's employer are members of the förbund (kit directory.ts).
  teams: { governance: ['forbund'] },
  // Referral: the referrer is a member; Enrolment: an extension's decision; Intervention: the target group.
  participants: { governance: ['forbund', '_entities:Decision'], teams: ['intervention'] },
  // Budget: the members' shares; allocations and requisitions name the förbund's insatser.
  finance: { governance: ['forbund'], teams: ['intervention'] },
  // A survey round names the förbund's insatser.
  indicators: { teams: ['intervention'] },
};

/** The subgraphs that may send service tokens to `target`. */
export function callersOf(target: string): string[] {
  return Object.keys(SERVICE_CALLS).filter((caller) => (SERVICE_CALLS[caller]?.[target] ?? []).length > 0);
}

/**
 * Why `caller` may not send this operation to `target`, or null when every root field it selects
 * is on the allow-list. Queries, and mutations of listed `mutation:` fields only; fragments at the
 * root are followed; `__typename` is free.
 */
export function serviceCallRefusal(
  caller: string,
  target: string,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): string | null {
  const listed = SERVICE_CALLS[caller]?.[target] ?? [];
  const mutation = operation.operation === 'mutation';
  const allowed = new Set(
    mutation ? listed.flatMap((f) => (f.startsWith('mutation:') ? [f.slice('mutation:'.length)] : [])) : listed,
  );
  if (operation.operation === 'subscription' || (mutation && allowed.size === 0)) {
    return `${caller} may not send a ${operation.operation} to ${target}`;
  }
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  const refusals: string[] = [];
  const visit = (set: SelectionSetNode, seen: Set<string>) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, seen);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !seen.has(fragment.name.value)) {
          visit(fragment.selectionSet, new Set([...seen, fragment.name.value]));
        }
      } else {
        const field = selection.name.value;
        if (field === '__typename') {
          continue;
        }
        if (field === '_entities' && !mutation) {
          const argument = selection.arguments?.find((a) => a.name.value === 'representations');
          const representations = argument ? valueFromASTUntyped(argument.value, variables) : [];
          for (const rep of Array.isArray(representations) ? representations : [representations]) {
            const type = (rep as { __typename?: unknown } | null)?.__typename;
            if (!allowed.has(`_entities:${String(type)}`)) {
              refusals.push(`_entities of ${String(type)}`);
            }
          }
        } else if (!allowed.has(field)) {
          refusals.push(field);
        }
      }
    }
  };
  visit(operation.selectionSet, new Set());
  return refusals.length === 0 ? null : `${caller} may not ask ${target} for ${[...new Set(refusals)].join(', ')}`;
}
