/**
 * The förbund administrator's people and access: who holds which grant and when it is in force (changed in place),
 * the invitations, a form to invite a person by e-mail with one grant, and one to give a person already in the
 * förbund more access (insatser, or a seat in a styrgrupp); revoking a grant. A mutation's typed error shows
 * beside the field it concerns.
 */
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { type FieldErrors, FORM, useFieldErrors } from '../components/FieldErrors.js';
import { ResultNotice } from '../components/ResultNotice.js';
import type { GrantRole } from '../gql/graphql.js';
import { graphql } from '../gql/index.js';
import { formatDate, INVITATION_STATUS, ROLE, SEAT_ROLE } from '../labels.js';
import { inSwedish } from '../messages.js';

const AdminAccessQuery = graphql(`
  query AdminAccess {
    forbund {
      id
      interventions {
        id
        name
      }
    }
    bodies(kind: STEERING_GROUP) {
      id
      name
      seats {
        id
        name
        role
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
      seat {
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
      ...MutationErrors
    }
  }
`);

const GrantAccessMutation = graphql(`
  mutation GrantAccess($input: GrantAccessInput!) {
    grantAccess(input: $input) {
      __typename
      ... on MutationGrantAccessSuccess {
        data {
          id
          role
        }
      }
      ...MutationErrors
    }
  }
`);

const SetGrantValidityMutation = graphql(`
  mutation SetGrantValidity($id: ID!, $validFrom: Date, $validTo: Date) {
    setGrantValidity(id: $id, validFrom: $validFrom, validTo: $validTo) {
      __typename
      ... on MutationSetGrantValiditySuccess {
        data {
          id
          validFrom
          validTo
          active
        }
      }
      ...MutationErrors
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
      ...MutationErrors
    }
  }
`);

/** The roles the invitation gives (a styrgrupp seat is given to a person already known, below). */
const INVITE_ROLES: GrantRole[] = ['FORBUND_ADMIN', 'VERKSAMHETSLEDARE', 'STAFF', 'BOARD'];
const GRANT_ROLES: GrantRole[] = ['STAFF', 'VERKSAMHETSLEDARE', 'BOARD', 'STYRGRUPP', 'FORBUND_ADMIN'];
const WITH_INTERVENTIONS: GrantRole[] = ['VERKSAMHETSLEDARE', 'STAFF'];

/** The fields of a grant; a validation issue's path (["input", "grant", "seatId"]) names one of them. */
const GRANT_FIELDS = ['role', 'interventionIds', 'seatId', 'validFrom', 'validTo'] as const;

type Named = { id: string; name: string };
type Body = { id: string; name: string; seats: readonly { id: string; name: string; role: string }[] };

const validity = (from: string | null | undefined, to: string | null | undefined) =>
  from || to ? `${from ? formatDate(from) : 'från start'} – ${to ? formatDate(to) : 'tills vidare'}` : 'Tills vidare';

export function AdminAccess() {
  const [{ data, error, fetching }, refetch] = useQuery({ query: AdminAccessQuery });
  const [revoking, revoke] = useMutation(RevokeAccessMutation);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const editButtons = useRef(new Map<string, HTMLButtonElement>());
  const reload = () => refetch({ requestPolicy: 'network-only' });

  const onRevoke = async (id: string) => {
    setRevokeError(null);
    const result = await revoke({ id });
    const answer = result.data?.revokeAccess;
    if (result.error) {
      setRevokeError(result.error.message);
    } else if (answer && answer.__typename !== 'MutationRevokeAccessSuccess') {
      setRevokeError(inSwedish(answer.message));
    } else {
      reload();
    }
  };
  const stopEditing = (id: string) => {
    setEditing(null);
    // Back to the button that opened the editor, so the keyboard stays where it was.
    requestAnimationFrame(() => editButtons.current.get(id)?.focus());
  };

  // A grant waiting in an invitation has no person yet: it goes by the invited address.
  const invitedBy = new Map(data?.invitations.flatMap((inv) => inv.grants.map((g) => [g.id, inv.email] as const)));
  const personOf = (grantId: string, user: { name?: string | null; email?: string | null } | null | undefined) =>
    user ? (user.name ?? user.email ?? 'Okänd') : `Inbjuden: ${invitedBy.get(grantId) ?? 'okänd adress'}`;
  // The people known to the förbund: those holding a grant here.
  const people = [
    ...new Map(
      (data?.accessGrants ?? []).flatMap((g) =>
        g.user ? [[g.user.id, { id: g.user.id, name: g.user.name ?? g.user.email ?? g.user.id }] as const] : [],
      ),
    ).values(),
  ].sort((a, b) => a.name.localeCompare(b.name, 'sv'));

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
                <th scope="col">Insatser eller plats</th>
                <th scope="col">Giltighet</th>
                <th scope="col">Aktiv</th>
                <th scope="col">Åtgärd</th>
              </tr>
            </thead>
            <tbody>
              {data.accessGrants.map((g) => {
                const who = personOf(g.id, g.user);
                const role = ROLE[g.role] ?? g.role;
                return (
                  <GrantRow
                    key={g.id}
                    editor={
                      editing === g.id ? (
                        <ValidityEditor
                          grant={g}
                          label={`${role} för ${who}`}
                          onDone={(changed) => {
                            if (changed) {
                              reload();
                            }
                            stopEditing(g.id);
                          }}
                        />
                      ) : null
                    }
                  >
                    <th scope="row">
                      {who}
                      {g.user?.email && g.user.name ? <span className="muted"> ({g.user.email})</span> : null}
                    </th>
                    <td>{role}</td>
                    <td>{g.seat ? `Plats: ${g.seat.name}` : g.interventions.map((i) => i.name).join(', ') || '–'}</td>
                    <td>{validity(g.validFrom, g.validTo)}</td>
                    <td>{g.active ? 'Ja' : 'Nej'}</td>
                    <td className="actions">
                      <button
                        type="button"
                        className="row-action"
                        ref={(el) => {
                          if (el) {
                            editButtons.current.set(g.id, el);
                          } else {
                            editButtons.current.delete(g.id);
                          }
                        }}
                        aria-expanded={editing === g.id}
                        aria-label={`Ändra giltighet för ${role} för ${who}`}
                        onClick={() => setEditing(editing === g.id ? null : g.id)}
                      >
                        Ändra giltighet
                      </button>{' '}
                      <button
                        type="button"
                        className="row-action"
                        disabled={revoking.fetching}
                        aria-label={`Ta bort behörigheten ${role} för ${who}`}
                        onClick={() => void onRevoke(g.id)}
                      >
                        Ta bort
                      </button>
                    </td>
                  </GrantRow>
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
          <GrantForm
            people={people}
            interventions={data.forbund?.interventions ?? []}
            bodies={data.bodies}
            onGranted={reload}
          />
        </>
      ) : null}
    </>
  );
}

/** A grant's row, and under it the validity editor while it is open. */
function GrantRow({ children, editor }: { children: ReactNode; editor: ReactNode }) {
  return (
    <>
      <tr>{children}</tr>
      {editor ? (
        <tr className="editor-row">
          <td colSpan={6}>{editor}</td>
        </tr>
      ) : null}
    </>
  );
}

/** Changes when a grant is in force: both days included, an empty day is open. */
function ValidityEditor({
  grant,
  label,
  onDone,
}: {
  grant: { id: string; validFrom?: string | null; validTo?: string | null };
  label: string;
  onDone(changed: boolean): void;
}) {
  const id = useId();
  const [validFrom, setValidFrom] = useState(grant.validFrom ?? '');
  const [validTo, setValidTo] = useState(grant.validTo ?? '');
  const fields = useFieldErrors(['validFrom', 'validTo'] as const);
  const [{ fetching }, save] = useMutation(SetGrantValidityMutation);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    fields.clear();
    const result = await save({ id: grant.id, validFrom: validFrom || null, validTo: validTo || null });
    const answer = result.data?.setGrantValidity;
    if (fields.show(result, answer, 'MutationSetGrantValiditySuccess')) {
      onDone(true);
    }
  };

  return (
    <form
      className="validity"
      noValidate
      aria-label={`Giltighet för ${label}`}
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          onDone(false);
        }
      }}
    >
      {fields.message(FORM)}
      <div className="field">
        <label htmlFor={`${id}-from`}>Giltig från</label>
        <input
          ref={first}
          id={`${id}-from`}
          type="date"
          value={validFrom}
          onChange={(e) => setValidFrom(e.target.value)}
          {...fields.aria('validFrom')}
        />
        {fields.message('validFrom')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>Giltig till</label>
        <input
          id={`${id}-to`}
          type="date"
          value={validTo}
          onChange={(e) => setValidTo(e.target.value)}
          {...fields.aria('validTo')}
        />
        {fields.message('validTo')}
      </div>
      <p className="muted hint">Lämna en dag tom för att behörigheten ska gälla från start eller tills vidare.</p>
      <div className="buttons">
        <button type="submit" disabled={fetching}>
          Spara giltighet
        </button>
        <button type="button" onClick={() => onDone(false)}>
          Avbryt
        </button>
      </div>
    </form>
  );
}

interface GrantDraft {
  role: GrantRole;
  interventionIds: string[];
  seatId: string;
  validFrom: string;
  validTo: string;
}

const EMPTY_GRANT: GrantDraft = { role: 'STAFF', interventionIds: [], seatId: '', validFrom: '', validTo: '' };

/** The grant as the graph takes it: insatser only for insats roles, a seat only for a styrgrupp member. */
const grantInput = (g: GrantDraft) => ({
  role: g.role,
  interventionIds: WITH_INTERVENTIONS.includes(g.role) ? g.interventionIds : null,
  seatId: g.role === 'STYRGRUPP' ? g.seatId || null : null,
  validFrom: g.validFrom || null,
  validTo: g.validTo || null,
});

/** What a grant gives: the role, its insatser or seat, and the days it is in force. */
function GrantFields({
  grant,
  onChange,
  roles,
  roleLabel,
  interventionsLegend,
  interventions,
  bodies,
  fields,
}: {
  grant: GrantDraft;
  onChange(g: GrantDraft): void;
  roles: readonly GrantRole[];
  roleLabel: string;
  interventionsLegend: string;
  interventions: readonly Named[];
  bodies: readonly Body[];
  fields: FieldErrors;
}) {
  const id = useId();
  const set = (change: Partial<GrantDraft>) => onChange({ ...grant, ...change });
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-role`}>{roleLabel}</label>
        <select
          id={`${id}-role`}
          value={grant.role}
          onChange={(e) => set({ role: e.target.value as GrantRole })}
          {...fields.aria('role')}
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {ROLE[r] ?? r}
            </option>
          ))}
        </select>
        {fields.message('role')}
      </div>
      {WITH_INTERVENTIONS.includes(grant.role) ? (
        <fieldset aria-describedby={fields.aria('interventionIds')['aria-describedby']}>
          <legend>{interventionsLegend}</legend>
          {interventions.map((i) => (
            <div key={i.id} className="check">
              <input
                id={`${id}-i-${i.id}`}
                type="checkbox"
                checked={grant.interventionIds.includes(i.id)}
                onChange={(e) =>
                  set({
                    interventionIds: e.target.checked
                      ? [...grant.interventionIds, i.id]
                      : grant.interventionIds.filter((x) => x !== i.id),
                  })
                }
              />
              <label htmlFor={`${id}-i-${i.id}`}>{i.name}</label>
            </div>
          ))}
          {fields.message('interventionIds')}
        </fieldset>
      ) : null}
      {grant.role === 'STYRGRUPP' ? (
        <div className="field">
          <label htmlFor={`${id}-seat`}>Plats i styrgrupp</label>
          <select
            id={`${id}-seat`}
            value={grant.seatId}
            onChange={(e) => set({ seatId: e.target.value })}
            {...fields.aria('seatId')}
          >
            <option value="">Välj en plats</option>
            {bodies.map((b) => (
              <optgroup key={b.id} label={b.name}>
                {b.seats.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name} ({SEAT_ROLE[s.role] ?? s.role})
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          {fields.message('seatId')}
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-from`}>Giltig från (valfritt)</label>
        <input
          id={`${id}-from`}
          type="date"
          value={grant.validFrom}
          onChange={(e) => set({ validFrom: e.target.value })}
          {...fields.aria('validFrom')}
        />
        {fields.message('validFrom')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>Giltig till (valfritt)</label>
        <input
          id={`${id}-to`}
          type="date"
          value={grant.validTo}
          onChange={(e) => set({ validTo: e.target.value })}
          {...fields.aria('validTo')}
        />
        {fields.message('validTo')}
      </div>
    </>
  );
}

function InviteForm({ interventions, onInvited }: { interventions: readonly Named[]; onInvited(): void }) {
  const id = useId();
  const [email, setEmail] = useState('');
  const [grant, setGrant] = useState(EMPTY_GRANT);
  const fields = useFieldErrors(['email', ...GRANT_FIELDS] as const);
  const [done, setDone] = useState<string | null>(null);
  const [{ fetching }, invite] = useMutation(InviteUserMutation);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    fields.clear();
    setDone(null);
    const result = await invite({ input: { email, grants: [grantInput(grant)] } });
    const answer = result.data?.inviteUser;
    if (fields.show(result, answer, 'MutationInviteUserSuccess')) {
      setDone(`${answer.data.email} är inbjuden.`);
      setEmail('');
      setGrant({ ...grant, interventionIds: [], validFrom: '', validTo: '' });
      onInvited();
    }
  };

  return (
    <form className="invite" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Bjud in en person</h2>
      {fields.message(FORM)}
      <div className="field">
        <label htmlFor={`${id}-email`}>E-postadress</label>
        <input
          id={`${id}-email`}
          type="email"
          autoComplete="off"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          {...fields.aria('email')}
        />
        {fields.message('email')}
      </div>
      <GrantFields
        grant={grant}
        onChange={setGrant}
        roles={INVITE_ROLES}
        roleLabel="Roll"
        interventionsLegend="Insatser"
        interventions={interventions}
        bodies={[]}
        fields={fields}
      />
      <button type="submit" disabled={fetching}>
        Skicka inbjudan
      </button>
      <p role="status">{done}</p>
    </form>
  );
}

/** More access for a person who already holds (or held) a grant in the förbund: no invitation needed. */
function GrantForm({
  people,
  interventions,
  bodies,
  onGranted,
}: {
  people: readonly Named[];
  interventions: readonly Named[];
  bodies: readonly Body[];
  onGranted(): void;
}) {
  const id = useId();
  const [userId, setUserId] = useState('');
  const [grant, setGrant] = useState(EMPTY_GRANT);
  const fields = useFieldErrors(['userId', ...GRANT_FIELDS] as const);
  const [done, setDone] = useState<string | null>(null);
  const [{ fetching }, give] = useMutation(GrantAccessMutation);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    fields.clear();
    setDone(null);
    if (!userId) {
      fields.showLocal({ userId: 'Välj en person.' });
      return;
    }
    const result = await give({ input: { userId, grant: grantInput(grant) } });
    const answer = result.data?.grantAccess;
    if (fields.show(result, answer, 'MutationGrantAccessSuccess')) {
      const who = people.find((p) => p.id === userId)?.name ?? 'Personen';
      setDone(`${who} har fått behörigheten ${ROLE[answer.data.role] ?? answer.data.role}.`);
      setGrant({ ...grant, interventionIds: [], seatId: '', validFrom: '', validTo: '' });
      onGranted();
    }
  };

  return (
    <form className="invite" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Ge behörighet till en person i förbundet</h2>
      <p className="muted hint">För den som redan har eller har haft behörighet här; nya personer bjuds in ovan.</p>
      {fields.message(FORM)}
      <div className="field">
        <label htmlFor={`${id}-person`}>Person</label>
        <select
          id={`${id}-person`}
          value={userId}
          onChange={(e) => setUserId(e.target.value)}
          {...fields.aria('userId')}
        >
          <option value="">Välj en person</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        {fields.message('userId')}
      </div>
      <GrantFields
        grant={grant}
        onChange={setGrant}
        roles={GRANT_ROLES}
        roleLabel="Behörighet"
        interventionsLegend="Arbetar i insats"
        interventions={interventions}
        bodies={bodies}
        fields={fields}
      />
      <button type="submit" disabled={fetching}>
        Ge behörighet
      </button>
      <p role="status">{done}</p>
    </form>
  );
}
