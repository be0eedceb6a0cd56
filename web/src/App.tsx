/**
 * The logged-in shell: who you are, the förbund you work in (a switcher when you may work in several), the views
 * your roles give, and the one shown. Views are addressed by path under the base (/app/arsrapport, …).
 */
import { type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react';
import { Provider, useQuery } from 'urql';
import type { Auth } from './auth.js';
import { GatewayAccess } from './components/Download.js';
import { ResultNotice } from './components/ResultNotice.js';
import type { ClientConfig } from './config.js';
import { graphql } from './gql/index.js';
import { gatewayHeaders, graphClient } from './graph.js';
import { ROLE } from './labels.js';
import { follow, hrefOf, usePath } from './navigation.js';
import { AdminAccess } from './views/AdminAccess.js';
import { AdminBudget } from './views/AdminBudget.js';
import { AdminGallring } from './views/AdminGallring.js';
import { AdminImport } from './views/AdminImport.js';
import { AdminRegisterExtract } from './views/AdminRegisterExtract.js';
import { AdminRequisitions } from './views/AdminRequisitions.js';
import { AdminStart } from './views/AdminStart.js';
import { BoardStart } from './views/BoardStart.js';
import { CountyStart } from './views/CountyStart.js';
import { CountySurveys } from './views/CountySurveys.js';
import { Meetings } from './views/Meetings.js';
import { ParticipationPage } from './views/ParticipationPage.js';
import { ParticipationReferral } from './views/ParticipationReferral.js';
import { StaffRequisition } from './views/StaffRequisition.js';
import { StaffStart } from './views/StaffStart.js';

const MeQuery = graphql(`
  query Me {
    me {
      userId
      name
      email
      roles
      forbund {
        id
        name
      }
      forbunds {
        id
        name
        slug
      }
      interventionIds
    }
  }
`);

const CHOSEN_FORBUND = 'finsam.forbund';
/** Reports open on the last whole year. */
const LAST_YEAR = new Date().getFullYear() - 1;

interface View {
  path: string;
  title: string;
  roles: string[];
  /** `rest`: the path below the view's own (arenden/ny → "ny"), empty on the view itself. */
  render(rest: string): ReactNode;
}

const VIEWS: View[] = [
  {
    path: 'oversikt',
    title: 'Översikt',
    roles: ['FORBUND_ADMIN'],
    render: () => <AdminStart initialYear={new Date().getFullYear()} />,
  },
  { path: 'behorigheter', title: 'Personer och behörigheter', roles: ['FORBUND_ADMIN'], render: () => <AdminAccess /> },
  {
    path: 'budget',
    title: 'Budget och fördelning',
    roles: ['FORBUND_ADMIN'],
    render: () => <AdminBudget initialYear={new Date().getFullYear()} />,
  },
  {
    path: 'rekvisitioner',
    title: 'Rekvisitioner',
    roles: ['FORBUND_ADMIN'],
    render: () => <AdminRequisitions initialYear={new Date().getFullYear()} />,
  },
  { path: 'registerutdrag', title: 'Registerutdrag', roles: ['FORBUND_ADMIN'], render: () => <AdminRegisterExtract /> },
  { path: 'import', title: 'Import', roles: ['FORBUND_ADMIN'], render: () => <AdminImport /> },
  { path: 'gallring', title: 'Gallring', roles: ['FORBUND_ADMIN'], render: () => <AdminGallring /> },
  {
    path: 'arenden',
    title: 'Ärenden',
    roles: ['STAFF'],
    // arenden/ny: a new referral; arenden/<id>: one participation.
    render: (rest) =>
      rest === 'ny' ? <ParticipationReferral /> : rest ? <ParticipationPage id={rest} key={rest} /> : <StaffStart />,
  },
  { path: 'rekvisition', title: 'Rekvisition', roles: ['STAFF'], render: () => <StaffRequisition /> },
  {
    path: 'arsrapport',
    title: 'Årsrapport',
    roles: ['BOARD', 'FORBUND_ADMIN'],
    render: () => <BoardStart initialYear={LAST_YEAR} />,
  },
  {
    path: 'sammantraden',
    title: 'Årshjul och sammanträden',
    // A styrgrupp member sees their own styrgrupp's meetings and decisions here (the graph gives no other body).
    roles: ['BOARD', 'FORBUND_ADMIN', 'STEERING'],
    render: () => <Meetings initialYear={new Date().getFullYear()} />,
  },
  { path: 'lan', title: 'Länet', roles: ['COUNTY_ANALYST'], render: () => <CountyStart initialYear={LAST_YEAR} /> },
  {
    path: 'indikatorer',
    title: 'Indikatorer',
    roles: ['COUNTY_ANALYST', 'PLATFORM_ADMIN'],
    render: () => <CountySurveys initialYear={new Date().getFullYear()} />,
  },
];

export function App({ config, auth }: { config: ClientConfig; auth: Auth }) {
  const [forbundId, setForbundId] = useState(() => sessionStorage.getItem(CHOSEN_FORBUND));
  const token = auth.user?.access_token ?? '';
  const client = useMemo(() => graphClient(config.graphql, token, forbundId), [config.graphql, token, forbundId]);
  const gateway = useMemo(
    () => ({ graphql: config.graphql, headers: gatewayHeaders(token, forbundId) }),
    [config.graphql, token, forbundId],
  );
  const choose = (id: string) => {
    sessionStorage.setItem(CHOSEN_FORBUND, id);
    setForbundId(id);
  };
  return (
    <Provider value={client} key={forbundId ?? 'default'}>
      <GatewayAccess.Provider value={gateway}>
        <Shell auth={auth} onChooseForbund={choose} />
      </GatewayAccess.Provider>
    </Provider>
  );
}

function Shell({ auth, onChooseForbund }: { auth: Auth; onChooseForbund(id: string): void }) {
  const [{ data, error, fetching }] = useQuery({ query: MeQuery });
  const me = data?.me;
  const views = VIEWS.filter((v) => me?.roles.some((r) => v.roles.includes(r)));
  const path = usePath();
  const current = views.find((v) => v.path === path || path.startsWith(`${v.path}/`)) ?? views[0];
  const rest = current && path.startsWith(`${current.path}/`) ? path.slice(current.path.length + 1) : '';
  const heading = useRef<HTMLHeadingElement>(null);
  // After moving to another view, focus its heading so a screen reader says where you are.
  useEffect(() => {
    if (path) {
      heading.current?.focus();
    }
  }, [path]);
  const switcherId = useId();
  return (
    <>
      <a className="skip-link" href="#main">
        Hoppa till innehållet
      </a>
      <header className="site-header">
        <p className="brand">FINSAM</p>
        {me ? (
          <div className="who">
            <span>
              {me.name ?? me.email ?? 'Inloggad'}
              {me.roles.length ? ` – ${me.roles.map((r) => ROLE[r] ?? r).join(', ')}` : ''}
            </span>
            {me.forbunds.length > 1 ? (
              <span>
                <label htmlFor={switcherId}>Förbund</label>{' '}
                <select id={switcherId} value={me.forbund?.id ?? ''} onChange={(e) => onChooseForbund(e.target.value)}>
                  {me.forbunds.map((f) => (
                    <option key={f.id} value={f.id}>
                      {f.name}
                    </option>
                  ))}
                </select>
              </span>
            ) : null}
            <button type="button" onClick={() => void auth.logout()}>
              Logga ut
            </button>
          </div>
        ) : null}
        {views.length > 1 ? (
          <nav aria-label="Huvudmeny">
            <ul>
              {views.map((v) => (
                <li key={v.path}>
                  <a
                    href={hrefOf(v.path)}
                    aria-current={v === current ? (rest ? 'location' : 'page') : undefined}
                    onClick={follow(v.path)}
                  >
                    {v.title}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" tabIndex={-1}>
        <h1 ref={heading} tabIndex={-1}>
          {current ? current.title : 'Start'}
          {me?.forbund ? ` – ${me.forbund.name}` : ''}
        </h1>
        <ResultNotice error={error} partial={Boolean(data)} />
        {fetching && !data ? <p>Hämtar …</p> : null}
        {me && !current ? <p>Du har ännu ingen behörighet här. Be förbundets administratör om åtkomst.</p> : null}
        {current?.render(rest)}
      </main>
    </>
  );
}
