/** The `leads` claim: the insatser a staff member leads as verksamhetsledare, always among those they work in. */
import { claimsFromIdentity, IdentityClaimError, identityFromClaims } from '../../src/identity.js';
import { isInsatsLead, isInsatsStaff } from '../../src/scopes.js';

const TENANT = '00000000-0000-4000-8000-0000000000aa';
const SALA = '00000000-0000-4000-8000-000000000001';
const FNS = '00000000-0000-4000-8000-000000000002';

describe('a verksamhetsledare in the identity', () => {
  it('reads `leads` among the insatser worked in, and writes it back only when set', () => {
    const lead = identityFromClaims({
      sub: 'u',
      tenant: TENANT,
      roles: ['staff'],
      interventions: [SALA, FNS],
      leads: [SALA],
    });
    expect(lead.leadInterventionIds).toEqual([SALA]);
    expect(isInsatsLead(lead, SALA)).toBe(true);
    expect(isInsatsLead(lead, FNS)).toBe(false);
    expect(isInsatsStaff(lead, FNS)).toBe(true);
    expect(claimsFromIdentity(lead)).toMatchObject({ leads: [SALA] });

    const staff = identityFromClaims({ sub: 'u', tenant: TENANT, roles: ['staff'], interventions: [SALA] });
    expect(staff.leadInterventionIds).toEqual([]);
    expect(isInsatsLead(staff, SALA)).toBe(false);
    expect(claimsFromIdentity(staff)).not.toHaveProperty('leads');
  });

  it('refuses a token that leads an insats it does not work in', () => {
    expect(() =>
      identityFromClaims({ sub: 'u', tenant: TENANT, roles: ['staff'], interventions: [SALA], leads: [FNS] }),
    ).toThrow(IdentityClaimError);
    expect(() =>
      identityFromClaims({ sub: 'u', tenant: TENANT, roles: ['staff'], interventions: [SALA], leads: 'x' }),
    ).toThrow(IdentityClaimError);
  });
});
