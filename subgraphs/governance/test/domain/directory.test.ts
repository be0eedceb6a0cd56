/** The directory's rules, without a database. */
import {
  chooseTenant,
  claims,
  type ForbundGrant,
  forbundAccess,
  grantIssues,
  hasEnded,
  invitationForbund,
  isActive,
  issuerUrlIssue,
  lastAdminIssues,
  nextValidityChange,
  type PlatformAccess,
  platformGrantIssues,
  platformRoles,
  resolveAccess,
  trustedFor,
  validityIssues,
  verifiedEmail,
  workableForbundIds,
} from '../../src/domain/directory.js';

const A = 'a0000000-0000-4000-8000-00000000000a';
const B = 'b0000000-0000-4000-8000-00000000000b';
const C = 'c0000000-0000-4000-8000-00000000000c';
const INSATS = '10000000-0000-4000-8000-000000000001';
const OTHER_INSATS = '10000000-0000-4000-8000-000000000002';
const SEAT = '50000000-0000-4000-8000-000000000001';
const COUNTY = 'c0c00000-0000-4000-8000-000000000001';
const ON = '2026-06-15';

const grant = (over: Partial<ForbundGrant> = {}): ForbundGrant => ({
  tenantId: A,
  role: 'FORBUND_ADMIN',
  interventionIds: [],
  seatId: null,
  validFrom: null,
  validTo: null,
  revokedAt: null,
  ...over,
});
const platformGrant = (over: Partial<PlatformAccess> = {}): PlatformAccess => ({
  role: 'PLATFORM_ADMIN',
  countyId: null,
  validFrom: null,
  validTo: null,
  revokedAt: null,
  ...over,
});
const everywhere = { forbundIds: null, platform: false };

describe('when a grant is in force', () => {
  it('from validFrom to validTo, both days included, each bound optional', () => {
    expect(isActive(grant(), ON)).toBe(true);
    expect(isActive(grant({ validFrom: ON, validTo: ON }), ON)).toBe(true);
    expect(isActive(grant({ validFrom: '2026-06-16' }), ON)).toBe(false);
    expect(isActive(grant({ validTo: '2026-06-14' }), ON)).toBe(false);
  });

  it('never once revoked, and a revoked or expired grant has ended (one not yet valid has not)', () => {
    expect(isActive(grant({ revokedAt: new Date('2026-06-20T00:00:00Z') }), ON)).toBe(false);
    expect(hasEnded(grant({ revokedAt: new Date() }), ON)).toBe(true);
    expect(hasEnded(grant({ validTo: '2026-06-14' }), ON)).toBe(true);
    expect(hasEnded(grant({ validFrom: '2026-07-01' }), ON)).toBe(false);
    expect(hasEnded(grant(), ON)).toBe(false);
  });

  it('changes by itself next on the earliest future start, or the day after an end, of a grant not revoked', () => {
    expect(nextValidityChange([grant(), grant({ validFrom: '2026-01-01' })], ON)).toBeNull();
    // Ends on the 20th: out of force from the 21st.
    expect(nextValidityChange([grant({ validTo: '2026-06-20' }), grant({ validFrom: '2026-07-01' })], ON)).toBe(
      '2026-06-21',
    );
    expect(nextValidityChange([grant({ validFrom: '2026-06-16', validTo: '2026-06-30' })], ON)).toBe('2026-06-16');
    // Its last day is today: tomorrow it is out of force.
    expect(nextValidityChange([grant({ validTo: ON })], ON)).toBe('2026-06-16');
    expect(nextValidityChange([grant({ validTo: '2026-06-14' }), grant({ validFrom: ON })], ON)).toBeNull();
    expect(nextValidityChange([grant({ validFrom: '2026-06-16', revokedAt: new Date() })], ON)).toBeNull();
  });
});

describe('which issuers count where', () => {
  it('an issuer counts for its förbund, or every förbund; an unregistered one for none', () => {
    expect(trustedFor(everywhere, A)).toBe(true);
    expect(trustedFor({ forbundIds: [B], platform: false }, A)).toBe(false);
    expect(trustedFor({ forbundIds: [B], platform: false }, B)).toBe(true);
    expect(trustedFor(undefined, A)).toBe(false);
  });

  it('a person works in the förbund of their active grants, from an issuer trusted there', () => {
    const grants = [
      grant({ tenantId: A }),
      grant({ tenantId: A, role: 'BOARD' }),
      grant({ tenantId: B, revokedAt: new Date() }),
      grant({ tenantId: C }),
    ];
    expect(workableForbundIds(grants, everywhere, ON)).toEqual([A, C]);
    expect(workableForbundIds(grants, { forbundIds: [C], platform: false }, ON)).toEqual([C]);
    expect(workableForbundIds(grants, undefined, ON)).toEqual([]);
  });
});

describe('choosing the förbund a request works in', () => {
  const forbunds = [
    { id: B, name: 'Samordningsförbundet Västerås' },
    { id: A, name: 'Norra Västmanlands Samordningsförbund' },
  ];

  it('the one asked for, among the person’s own', () => {
    expect(chooseTenant(B, forbunds, false)).toEqual({ tenantId: B, platform: false });
  });

  it('by default the first by name', () => {
    expect(chooseTenant(null, forbunds, false)).toEqual({ tenantId: A, platform: false });
    expect(chooseTenant(null, forbunds, true)).toEqual({ tenantId: A, platform: false });
  });

  it('refuses a förbund the person has no grant in', () => {
    expect(chooseTenant(C, forbunds, true)).toBe('refused');
    expect(chooseTenant(A, [], false)).toBe('refused');
  });

  it('"platform" chooses platform access, for those who hold it', () => {
    expect(chooseTenant('platform', forbunds, true)).toEqual({ tenantId: null, platform: true });
    expect(chooseTenant('platform', forbunds, false)).toBe('refused');
  });

  it('without a förbund: platform access if any, else nothing', () => {
    expect(chooseTenant(null, [], true)).toEqual({ tenantId: null, platform: true });
    expect(chooseTenant(null, [], false)).toEqual({ tenantId: null, platform: false });
  });
});

describe('the roles grants give in a förbund', () => {
  const seats = new Map([[SEAT, INSATS]]);

  it('maps each grant role to its identity role', () => {
    expect(forbundAccess([grant()], A, seats, ON).roles).toEqual(['forbund_admin']);
    expect(forbundAccess([grant({ role: 'BOARD' })], A, seats, ON).roles).toEqual(['board']);
    expect(forbundAccess([grant({ role: 'VERKSAMHETSLEDARE', interventionIds: [INSATS] })], A, seats, ON)).toEqual({
      roles: ['staff'],
      interventionIds: [INSATS],
      steeringInterventionIds: [],
      leadInterventionIds: [INSATS],
    });
    expect(forbundAccess([grant({ role: 'STYRGRUPP', seatId: SEAT })], A, seats, ON)).toEqual({
      roles: ['steering'],
      interventionIds: [],
      steeringInterventionIds: [INSATS],
      leadInterventionIds: [],
    });
  });

  it('staff of several grants work in the union of their insatser', () => {
    const grants = [
      grant({ role: 'STAFF', interventionIds: [OTHER_INSATS] }),
      grant({ role: 'VERKSAMHETSLEDARE', interventionIds: [INSATS, OTHER_INSATS] }),
    ];
    expect(forbundAccess(grants, A, seats, ON)).toEqual({
      roles: ['staff'],
      interventionIds: [INSATS, OTHER_INSATS].sort(),
      steeringInterventionIds: [],
      // The verksamhetsledare of both; a STAFF grant for one of them takes nothing away.
      leadInterventionIds: [INSATS, OTHER_INSATS].sort(),
    });
  });

  it('only active grants of that förbund count, and a seat no longer there gives nothing', () => {
    const grants = [
      grant({ tenantId: B, role: 'BOARD' }),
      grant({ role: 'STAFF', interventionIds: [INSATS], validTo: '2026-01-01' }),
      grant({ role: 'STYRGRUPP', seatId: '50000000-0000-4000-8000-0000000000ff' }),
    ];
    expect(forbundAccess(grants, A, seats, ON)).toEqual({
      roles: [],
      interventionIds: [],
      steeringInterventionIds: [],
      leadInterventionIds: [],
    });
  });
});

describe('platform roles', () => {
  const counties = new Map([[COUNTY, [A, B]]]);

  it('a county analyst sees their county’s förbund; a platform administrator every förbund', () => {
    expect(platformRoles([platformGrant({ role: 'COUNTY_ANALYST', countyId: COUNTY })], counties)).toEqual({
      roles: ['county_analyst'],
      countyForbundIds: [A, B],
    });
    expect(platformRoles([platformGrant()], counties)).toEqual({ roles: ['platform_admin'], countyForbundIds: null });
    // An analyst without a county analyses every förbund.
    expect(platformRoles([platformGrant({ role: 'COUNTY_ANALYST' })], counties)).toEqual({
      roles: ['county_analyst'],
      countyForbundIds: null,
    });
    expect(
      platformRoles([platformGrant(), platformGrant({ role: 'COUNTY_ANALYST', countyId: COUNTY })], counties),
    ).toEqual({ roles: ['platform_admin', 'county_analyst'], countyForbundIds: null });
  });
});

describe('resolving a person', () => {
  const person = {
    grants: [grant({ tenantId: A }), grant({ tenantId: B, role: 'BOARD' })],
    platformGrants: [platformGrant()],
    issuer: { forbundIds: null, platform: true },
    forbundNames: new Map([
      [A, 'Alfa'],
      [B, 'Beta'],
    ]),
    seatInsats: new Map<string, string>(),
    countyForbund: new Map<string, string[]>(),
    requested: null,
    on: ON,
  };

  it('works in the default förbund with its roles, listing every förbund', () => {
    expect(resolveAccess(person)).toEqual({
      tenantId: A,
      forbundIds: [A, B],
      roles: ['forbund_admin'],
      interventionIds: [],
      steeringInterventionIds: [],
      leadInterventionIds: [],
      countyForbundIds: null,
    });
    expect(resolveAccess({ ...person, requested: B })).toMatchObject({ tenantId: B, roles: ['board'] });
  });

  it('"platform" gives the platform roles and no förbund', () => {
    expect(resolveAccess({ ...person, requested: 'platform' })).toMatchObject({
      tenantId: null,
      forbundIds: [A, B],
      roles: ['platform_admin'],
    });
  });

  it('platform grants count only from an issuer trusted for platform access', () => {
    expect(resolveAccess({ ...person, requested: 'platform', issuer: everywhere })).toBe('refused');
    expect(resolveAccess({ ...person, grants: [], issuer: everywhere })).toMatchObject({ tenantId: null, roles: [] });
  });

  it('refuses a förbund without a grant; no grant at all is no role', () => {
    expect(resolveAccess({ ...person, requested: C })).toBe('refused');
    expect(resolveAccess({ ...person, grants: [], platformGrants: [] })).toEqual({
      tenantId: null,
      forbundIds: [],
      roles: [],
      interventionIds: [],
      steeringInterventionIds: [],
      leadInterventionIds: [],
      countyForbundIds: null,
    });
  });
});

describe('claiming an invitation', () => {
  const now = new Date('2026-06-15T12:00:00Z');
  const invitation = { email: 'kim@example.se', expiresAt: new Date('2026-07-01T00:00:00Z'), claimed: false };

  it('by the verified address, any case, from a trusted issuer, while open', () => {
    expect(claims(invitation, verifiedEmail(' Kim@Example.SE ', true), true, now)).toBe(true);
  });

  it('not by an unverified address, another address, an untrusted issuer, nor once expired or claimed', () => {
    expect(verifiedEmail('kim@example.se', false)).toBeNull();
    expect(claims(invitation, null, true, now)).toBe(false);
    expect(claims(invitation, 'kim@example.com', true, now)).toBe(false);
    expect(claims(invitation, 'kim@example.se', false, now)).toBe(false);
    expect(claims({ ...invitation, expiresAt: now }, 'kim@example.se', true, now)).toBe(false);
    expect(claims({ ...invitation, claimed: true }, 'kim@example.se', true, now)).toBe(false);
  });
});

describe('who may grant what', () => {
  const path = ['input', 'grant'];
  const admin = { platformAdmin: false };

  it('insats roles name insatser, a styrgrupp member a seat, and nobody else either', () => {
    expect(grantIssues({ role: 'STAFF', interventionIds: [INSATS] }, path, admin)).toEqual([]);
    expect(grantIssues({ role: 'STYRGRUPP', interventionIds: [], seatId: SEAT }, path, admin)).toEqual([]);
    expect(grantIssues({ role: 'VERKSAMHETSLEDARE', interventionIds: [] }, path, admin)).toEqual([
      { path: [...path, 'interventionIds'], message: 'Name at least one insats' },
    ]);
    expect(grantIssues({ role: 'BOARD', interventionIds: [INSATS], seatId: SEAT }, path, admin)).toEqual([
      { path: [...path, 'interventionIds'], message: 'Only verksamhetsledare and staff work in insatser' },
      { path: [...path, 'seatId'], message: 'Only a styrgrupp member holds a seat' },
    ]);
    expect(grantIssues({ role: 'STYRGRUPP', interventionIds: [] }, path, admin)).toEqual([
      { path: [...path, 'seatId'], message: 'A styrgrupp member holds a seat: name it' },
    ]);
  });

  it('validity runs forwards', () => {
    expect(
      grantIssues({ role: 'BOARD', interventionIds: [], validFrom: ON, validTo: '2026-01-01' }, path, admin),
    ).toEqual([{ path: [...path, 'validTo'], message: 'validTo is before validFrom' }]);
    expect(validityIssues({ validFrom: ON, validTo: ON }, [])).toEqual([]);
  });

  it('insats access is the förbund’s own to give, not the platform administrator’s', () => {
    expect(grantIssues({ role: 'STAFF', interventionIds: [INSATS] }, path, { platformAdmin: true })).toEqual([
      { path: [...path, 'role'], message: 'Insats access is given by the förbund’s own administrators' },
    ]);
    expect(grantIssues({ role: 'FORBUND_ADMIN', interventionIds: [] }, path, { platformAdmin: true })).toEqual([]);
  });

  it('a förbund administrator invites to their own förbund; a platform administrator names one', () => {
    expect(invitationForbund({ tenantId: A, platformAdmin: false }, null)).toEqual({ forbundId: A });
    expect(invitationForbund({ tenantId: A, platformAdmin: false }, A)).toEqual({ forbundId: A });
    expect(invitationForbund({ tenantId: A, platformAdmin: false }, B)).toEqual({
      issues: [{ path: ['input', 'forbundId'], message: 'You invite to your own förbund only' }],
    });
    expect(invitationForbund({ tenantId: null, platformAdmin: true }, B)).toEqual({ forbundId: B });
    expect(invitationForbund({ tenantId: null, platformAdmin: true }, null)).toEqual({
      issues: [{ path: ['input', 'forbundId'], message: 'Name the förbund to invite to' }],
    });
  });

  it('platform grants: a county analyst names a county or none (every förbund), an administrator none', () => {
    expect(platformGrantIssues({ role: 'COUNTY_ANALYST', countyId: COUNTY })).toEqual([]);
    expect(platformGrantIssues({ role: 'PLATFORM_ADMIN' })).toEqual([]);
    expect(platformGrantIssues({ role: 'COUNTY_ANALYST' })).toEqual([]);
    expect(platformGrantIssues({ role: 'PLATFORM_ADMIN', countyId: COUNTY })).toEqual([
      { path: ['input', 'countyId'], message: 'A platform administrator has no county' },
    ]);
  });
});

describe('the last administrator', () => {
  const held = { userId: A };
  const issue = {
    path: ['id'],
    message: 'The förbund’s last active administrator keeps their access: appoint another first',
  };

  it('a change leaving another active administrator is fine', () => {
    expect(lastAdminIssues([{ ...held, revokedAt: new Date() }, { userId: B }], ON, ['id'])).toEqual([]);
  });

  it('refuses a change that leaves none (an invitation or an ended grant is no administrator)', () => {
    expect(lastAdminIssues([{ ...held, revokedAt: new Date() }], ON, ['id'])).toEqual([issue]);
    expect(
      lastAdminIssues(
        [{ ...held, validTo: '2026-01-01' }, { userId: null }, { userId: B, validFrom: '2027-01-01' }],
        ON,
        ['id'],
      ),
    ).toEqual([issue]);
  });
});

describe('issuer URLs', () => {
  it('https, or http on this machine, without query, fragment or credentials', () => {
    expect(issuerUrlIssue('https://login.microsoftonline.com/tenant/v2.0')).toBeNull();
    expect(issuerUrlIssue('http://127.0.0.1:4100/kommun')).toBeNull();
    expect(issuerUrlIssue('http://idp.example.se')).toBe('The issuer is an https URL (http only on this machine)');
    expect(issuerUrlIssue('https://idp.example.se/?x=1')).toBe('The issuer URL has no query, fragment or credentials');
    expect(issuerUrlIssue('idp')).toBe('The issuer is a URL');
  });
});
