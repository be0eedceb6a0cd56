/**
 * The förbund administrator's people and access: who holds which grant, the invitations, a form to invite a person
 * by e-mail with one grant, and revoking a grant. A mutation's typed error shows beside the field it concerns.
 */
import { type FormEvent, useId, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ResultNotice } from '../components/ResultNotice.js';
import type { GrantRole } from '../gql/graphql.js';
import { graphql } from '../gql/index.js';
import { formatDate, INVITATION_STATUS, ROLE } from '../labels.js';

const AdminAccessQuery = graphql(`
  query AdminAccess {
    forbund {
      id
      interventions {
        id
        name
      }
    }
    accessGrants {
      id
      role
      user {
        id
        name
        email
      }
      interventions {
        id
        name
      }
      validFrom
      validTo
      active
    }
    invitations {
      id
      email
      status
      expiresAt
      grants {
        id
        role
        interventions {
          id
          name
        }
      }
    }
  }
`);

const InviteUserMutation = graphql(`
  mutation InviteUser($input: InviteUserInput!) {
    inviteUser(input: $input) {
      __typename
      ... on MutationInviteUserSuccess {
        data {
          id
          email
        }
      }
      ... on ValidationError {
        message
        issues {
          path
          message
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

const RevokeAccessMutation = graphql(`
  mutation RevokeAccess($id: ID!) {
    revokeAccess(id: $id) {
      __typename
      ... on MutationRevokeAccessSuccess {
        data {
          id
          active
          revokedAt
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

/** The roles the form gives (a styrgrupp seat is given where the styrgrupp is kept). */
const INVITE_ROLES: GrantRole[] = ['FORBUND_ADMIN', 'VERKSAMHETSLEDARE', 'STAFF', 'BOARD'];
const WITH_INTERVENTIONS: GrantRole[] = ['VERKSAMHETSLEDARE', 'STAFF'];

/** The form's fields; a validation issue's path (["input", "grants", "0", "role"]) names one of them. */
type Field = 'email' | 'role' | 'interventionIds' | 'validFrom' | 'validTo' | 'form';

function fieldOf(path: readonly string[]): Field {
  const last = path[path.length - 1];
  return last === 'email' || last === 'role' || last === 'interventionIds' || last === 'validFrom' || last === 'validTo'
    ? last
    : 'form';
}

/** The server's messages are English; those a person meets in this form, in Swedish. */
const MESSAGE: Record<string, string> = {
  'Not an e-mail address': 'Ange en giltig e-postadress.',
  'Give at least one grant': 'Ange en behörighet.',
};
const swedish = (message: string) => MESSAGE[message] ?? message;

const validity = (from: string | null | undefined, to: string | null | undefined) =>
  from || to ? `${from ? formatDate(from) : 'från start'} – ${to ? formatDate(to) : 'tills vidare'}` : 'Tills vidare';

export function AdminAccess() {
  const [{ data, error, fetching }, refetch] = useQuery({ query: AdminAccessQuery });
  const [revoking, revoke] = useMutation(RevokeAccessMutation);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const reload = () => refetch({ requestPolicy: 'network-only' });

  const onRevoke = async (id: string) => {
    setRevokeError(null);
    const result = await revoke({ id });
    const answer = result.data?.revokeAccess;
    if (result.error) {
      setRevokeError(result.error.message);
    } else if (answer && answer.__typename !== 'MutationRevokeAccessSuccess') {
      setRevokeError(swedish(answer.message));
    } else {
      reload();
    }
  };

  // A grant waiting in an invitation has no person yet: it goes by the invited address.
  const invitedBy = new Map(data?.invitations.flatMap((inv) => inv.grants.map((g) => [g.id, inv.email] as const)));
  const personOf = (grantId: string, user: { name?: string | null; email?: string | null } | null | undefined) =>
    user ? (user.name ?? user.email ?? 'Okänd') : `Inbjuden: ${invitedBy.get(grantId) ?? 'okänd adress'}`;

  return (
    <>
      <ResultNotice error={error} partial={Boolean(data)} />
      {fetching && !data ? <p>Hämtar …</p> : null}
      {data ? (
        <>
          <h2>Behörigheter</h2>
          {revokeError ? (
            <p className="field-error" role="alert">
              Behörigheten kunde inte tas bort: {revokeError}
            </p>
          ) : null}
          <table>
            <caption>Vem har vilken behörighet i förbundet</caption>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Roll</th>
                <th scope="col">Insatser</th>
                <th scope="col">Giltighet</th>
                <th scope="col">Aktiv</th>
                <th scope="col">Åtgärd</th>
              </tr>
            </thead>
            <tbody>
              {data.accessGrants.map((g) => {
                const who = personOf(g.id, g.user);
                return (
                  <tr key={g.id}>
                    <th scope="row">
                      {who}
                      {g.user?.email && g.user.name ? <span className="muted"> ({g.user.email})</span> : null}
                    </th>
                    <td>{ROLE[g.role] ?? g.role}</td>
                    <td>{g.interventions.map((i) => i.name).join(', ') || '–'}</td>
                    <td>{validity(g.validFrom, g.validTo)}</td>
                    <td>{g.active ? 'Ja' : 'Nej'}</td>
                    <td>
                      <button
                        type="button"
                        className="row-action"
                        disabled={revoking.fetching}
                        aria-label={`Ta bort behörigheten ${ROLE[g.role] ?? g.role} för ${who}`}
                        onClick={() => void onRevoke(g.id)}
                      >
                        Ta bort
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>

          <h2>Inbjudningar</h2>
          {data.invitations.length ? (
            <table>
              <caption>Inbjudningar, senaste först</caption>
              <thead>
                <tr>
                  <th scope="col">E-post</th>
                  <th scope="col">Status</th>
                  <th scope="col">Behörighet</th>
                  <th scope="col">Giltig till</th>
                </tr>
              </thead>
              <tbody>
                {data.invitations.map((inv) => (
                  <tr key={inv.id}>
                    <th scope="row">{inv.email}</th>
                    <td>{INVITATION_STATUS[inv.status] ?? inv.status}</td>
                    <td>
                      {inv.grants
                        .map(
                          (g) =>
                            `${ROLE[g.role] ?? g.role}` +
                            (g.interventions.length ? ` (${g.interventions.map((i) => i.name).join(', ')})` : ''),
                        )
                        .join('; ') || '–'}
                    </td>
                    <td>{formatDate(inv.expiresAt.slice(0, 10))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>Inga inbjudningar.</p>
          )}

          <InviteForm interventions={data.forbund?.interventions ?? []} onInvited={reload} />
        </>
      ) : null}
    </>
  );
}

function InviteForm({
  interventions,
  onInvited,
}: {
  interventions: readonly { id: string; name: string }[];
  onInvited(): void;
}) {
  const id = useId();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<GrantRole>('STAFF');
  const [chosen, setChosen] = useState<string[]>([]);
  const [validFrom, setValidFrom] = useState('');
  const [validTo, setValidTo] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [done, setDone] = useState<string | null>(null);
  const [{ fetching }, invite] = useMutation(InviteUserMutation);
  const needsInterventions = WITH_INTERVENTIONS.includes(role);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    setDone(null);
    const result = await invite({
      input: {
        email,
        grants: [
          {
            role,
            interventionIds: needsInterventions ? chosen : null,
            validFrom: validFrom || null,
            validTo: validTo || null,
          },
        ],
      },
    });
    const answer = result.data?.inviteUser;
    if (result.error || !answer) {
      setErrors({ form: result.error?.message ?? 'Inget svar från tjänsten.' });
    } else if (answer.__typename === 'MutationInviteUserSuccess') {
      setDone(`${answer.data.email} är inbjuden.`);
      setEmail('');
      setChosen([]);
      setValidFrom('');
      setValidTo('');
      onInvited();
    } else if (answer.__typename === 'ValidationError') {
      const found: Partial<Record<Field, string>> = {};
      for (const issue of answer.issues) {
        const field = fieldOf(issue.path);
        found[field] = [found[field], swedish(issue.message)].filter(Boolean).join(' ');
      }
      setErrors(found);
    } else {
      setErrors({ form: swedish(answer.message) });
    }
  };

  /** The ids an input is described by: its error, when it has one. */
  const describedBy = (field: Field) => (errors[field] ? `${id}-${field}-error` : undefined);
  const errorText = (field: Field) =>
    errors[field] ? (
      <p className="field-error" id={`${id}-${field}-error`}>
        {errors[field]}
      </p>
    ) : null;

  return (
    <form className="invite" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Bjud in en person</h2>
      {errorText('form')}
      <div className="field">
        <label htmlFor={`${id}-email`}>E-postadress</label>
        <input
          id={`${id}-email`}
          type="email"
          autoComplete="off"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={describedBy('email')}
        />
        {errorText('email')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-role`}>Roll</label>
        <select
          id={`${id}-role`}
          value={role}
          onChange={(e) => setRole(e.target.value as GrantRole)}
          aria-invalid={errors.role ? true : undefined}
          aria-describedby={describedBy('role')}
        >
          {INVITE_ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE[r] ?? r}
            </option>
          ))}
        </select>
        {errorText('role')}
      </div>
      {needsInterventions ? (
        <fieldset aria-describedby={describedBy('interventionIds')}>
          <legend>Insatser</legend>
          {interventions.map((i) => (
            <div key={i.id} className="check">
              <input
                id={`${id}-i-${i.id}`}
                type="checkbox"
                checked={chosen.includes(i.id)}
                onChange={(e) => setChosen((c) => (e.target.checked ? [...c, i.id] : c.filter((x) => x !== i.id)))}
              />
              <label htmlFor={`${id}-i-${i.id}`}>{i.name}</label>
            </div>
          ))}
          {errorText('interventionIds')}
        </fieldset>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-from`}>Giltig från (valfritt)</label>
        <input
          id={`${id}-from`}
          type="date"
          value={validFrom}
          onChange={(e) => setValidFrom(e.target.value)}
          aria-invalid={errors.validFrom ? true : undefined}
          aria-describedby={describedBy('validFrom')}
        />
        {errorText('validFrom')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>Giltig till (valfritt)</label>
        <input
          id={`${id}-to`}
          type="date"
          value={validTo}
          onChange={(e) => setValidTo(e.target.value)}
          aria-invalid={errors.validTo ? true : undefined}
          aria-describedby={describedBy('validTo')}
        />
        {errorText('validTo')}
      </div>
      <button type="submit" disabled={fetching}>
        Skicka inbjudan
      </button>
      <p role="status">{done}</p>
    </form>
  );
}
