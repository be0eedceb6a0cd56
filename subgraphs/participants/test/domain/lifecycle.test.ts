/**
 * The participation lifecycle without a database: every step from each status, who may refer, what
 * each step changes, and each refusal with the path and message the client sees.
 */
import type { Identity } from '@finsam/kit/identity.js';
import {
  afterExitWindow,
  checkExtensionDecision,
  checkReferral,
  checkReferringMember,
  checkTargetGroup,
  decideReferral,
  enrol,
  exit,
  extend,
  type LifecycleState,
  mayDecideReferral,
  nextStatuses,
  type ReferralData,
  recordAfterExit,
  recordFollowUp,
  referredParticipation,
  STEPS,
  type Status,
  setActionPlan,
  workingInsatser,
} from '../../src/domain/lifecycle.js';
import { luhn } from '../../src/domain/personnummer.js';

const SALA = '00000000-0000-4000-8000-000000000001';
const FNS = '00000000-0000-4000-8000-000000000002';
const STATUSES: Status[] = ['REFERRED', 'ACCEPTED', 'REJECTED', 'ENROLLED', 'EXITED'];

const identity = (over: Partial<Identity> = {}): Identity => ({
  userId: 'u',
  tenantId: 't',
  roles: ['staff'],
  interventionIds: [SALA],
  steeringInterventionIds: [],
  leadInterventionIds: [],
  countyForbundIds: null,
  ...over,
});

/** A participation with consent, in `status`, with the dates the steps before it set. */
const participation = (status: Status, over: Partial<LifecycleState> = {}): LifecycleState => ({
  status,
  referredOn: '2026-02-01',
  enrolledOn: ['ENROLLED', 'EXITED'].includes(status) ? '2026-03-01' : null,
  plannedEnd: ['ENROLLED', 'EXITED'].includes(status) ? '2027-03-01' : null,
  exitedOn: status === 'EXITED' ? '2026-09-30' : null,
  exclusionGrounds: [],
  needsTwoMembers: true,
  motivated: true,
  consentGivenOn: '2026-02-01',
  consentWithdrawnOn: null,
  ...over,
});
/** The insats, running since 2020 with no end. */
const INSATS = { startDate: '2020-01-01', endDate: null };
const anonymous = (status: Status) => participation(status, { consentGivenOn: null });

const refused = (path: (string | number)[], message: string | RegExp) => ({
  ok: false,
  issues: [{ path, message: typeof message === 'string' ? message : expect.stringMatching(message) }],
});

/** Each step, called on a participation in `status` with arguments that are otherwise fine. */
const steps: Record<keyof typeof STEPS, (p: LifecycleState) => { ok: boolean }> = {
  decide: (p) => decideReferral(p, { accept: true, decidedOn: '2026-02-05' }),
  enrol: (p) => enrol(p, '2026-03-01', INSATS),
  followUp: (p) => recordFollowUp(p, '2026-12-01'),
  setActionPlan: (p) => setActionPlan(p),
  extend: (p) => extend(p, 'd', '2099-01-01'),
  exit: (p) => exit(p, { exitedOn: '2026-12-01', outcomes: ['STUDIER'] }),
  recordAfterExit: (p) => recordAfterExit(p, { level6Months: 'HIGHER' }, '2027-03-30'),
};

describe('the state machine', () => {
  it('moves referral → accepted or rejected → enrolled → exited, and no further', () => {
    expect(Object.fromEntries(STATUSES.map((s) => [s, nextStatuses(s)]))).toEqual({
      REFERRED: ['ACCEPTED', 'REJECTED'],
      ACCEPTED: ['ENROLLED'],
      REJECTED: [],
      ENROLLED: ['EXITED'],
      EXITED: [],
    });
  });

  it.each(
    Object.entries(STEPS).flatMap(([step, { from, elsewhere }]) =>
      STATUSES.map((status) => [step as keyof typeof STEPS, status, from === status, elsewhere] as const),
    ),
  )('%s from %s: allowed %s', (step, status, allowed, elsewhere) => {
    const verdict = steps[step](participation(status));
    expect(verdict.ok).toBe(allowed);
    if (!allowed) {
      // Another status is a conflict (the participation moved on), whether a race or a day lies between.
      expect(verdict).toEqual({ ...refused(['participationId'], elsewhere), conflict: true });
    }
  });
});

describe('who', () => {
  it('staff work with their own insatser; other roles with none', () => {
    expect(workingInsatser(identity())).toEqual([SALA]);
    expect(workingInsatser(identity({ roles: ['board'] }))).toEqual([]);
    expect(workingInsatser(identity({ roles: ['forbund_admin'], interventionIds: [SALA] }))).toEqual([]);
  });
});

describe('referral', () => {
  const data = (over: Partial<ReferralData> = {}): ReferralData => ({
    interventionId: SALA,
    referredOn: '2026-02-01',
    referrerUnit: 'FORSAKRINGSKASSAN',
    needsTwoMembers: true,
    motivated: true,
    exclusionGrounds: [],
    studyVisit: 'OFFERED',
    consentGivenOn: '2026-02-01',
    personnummer: '19900315-9820',
    hemkommun: '1981',
    ...over,
  });
  const anonymousData = (over: Partial<ReferralData> = {}) =>
    data({ consentGivenOn: null, personnummer: null, hemkommun: null, kon: 'MAN', age: 30, ...over });

  it('is registered by the staff of the insats only', () => {
    expect(checkReferral(identity(), data({ interventionId: FNS }))).toEqual(
      refused(['input', 'interventionId'], 'You register referrals for your own insats'),
    );
    expect(checkReferral(identity({ roles: ['board'] }), data())).toEqual(
      refused(['input', 'interventionId'], 'You register referrals for your own insats'),
    );
  });

  it('with consent: kön and age from the personnummer', () => {
    const verdict = checkReferral(identity(), data());
    expect(verdict).toEqual({
      ok: true,
      value: { person: expect.objectContaining({ value: '19900315-9820' }), kon: 'KVINNA', age: 35 },
    });
  });

  it('with consent, asks for the personnummer, and refuses one that is not', () => {
    expect(checkReferral(identity(), data({ personnummer: null }))).toEqual(
      refused(['input', 'personnummer'], 'With consent, give the personnummer or samordningsnummer'),
    );
    expect(checkReferral(identity(), data({ personnummer: '19900315-9821' }))).toEqual(
      refused(['input', 'personnummer'], 'The check digit does not match'),
    );
  });

  it('without consent: refuses each identifying field given, at its path', () => {
    expect(checkReferral(identity(), anonymousData({ personnummer: '19900315-9820', hemkommun: '1981' }))).toEqual({
      ok: false,
      issues: [
        { path: ['input', 'personnummer'], message: expect.stringMatching(/anonymous/) },
        { path: ['input', 'hemkommun'], message: expect.stringMatching(/anonymous/) },
      ],
    });
    expect(checkReferral(identity(), anonymousData({ name: 'Anna' }))).toEqual(
      refused(['input', 'name'], /no consent/),
    );
  });

  it('without consent: states kön, and an age if known', () => {
    expect(checkReferral(identity(), anonymousData({ kon: null }))).toEqual(
      refused(['input', 'kon'], 'An anonymous participation states kön'),
    );
    expect(checkReferral(identity(), anonymousData())).toEqual({
      ok: true,
      value: { person: null, kon: 'MAN', age: 30 },
    });
    expect(checkReferral(identity(), anonymousData({ age: null }))).toMatchObject({ value: { age: null } });
  });

  it('names a referring member of the caller’s förbund', () => {
    expect(checkReferringMember('m1', [{ id: 'm1' }])).toEqual({ ok: true, value: undefined });
    expect(checkReferringMember('m9', [{ id: 'm1' }])).toEqual(
      refused(['input', 'referringMemberId'], 'm9 is not a member of your förbund'),
    );
  });

  it('fits the target group of an insats of the förbund, at the field the age came from', () => {
    const target = { targetAgeMin: 16, targetAgeMax: 64 };
    const withPerson = checkReferral(identity(), data());
    if (!withPerson.ok) {
      throw new Error('expected a referral');
    }
    expect(checkTargetGroup(null, withPerson.value)).toEqual(
      refused(['input', 'interventionId'], 'No such insats in your förbund'),
    );
    expect(checkTargetGroup(target, withPerson.value).ok).toBe(true);
    expect(checkTargetGroup({ targetAgeMin: 16, targetAgeMax: 29 }, withPerson.value)).toEqual(
      refused(['input', 'personnummer'], "Age 35 is outside the insats' target group 16–29"),
    );
    expect(checkTargetGroup(target, { person: null, kon: 'MAN', age: 65 })).toEqual(
      refused(['input', 'age'], "Age 65 is outside the insats' target group 16–64"),
    );
    expect(checkTargetGroup(target, { person: null, kon: 'MAN', age: 64 }).ok).toBe(true);
    expect(checkTargetGroup(target, { person: null, kon: 'MAN', age: null }).ok).toBe(true);
  });

  it('keeps, with consent, the birth year, age and hemkommun; without, only kön and start year', () => {
    const consented = checkReferral(identity(), data());
    const without = checkReferral(identity(), anonymousData());
    if (!consented.ok || !without.ok) {
      throw new Error('expected referrals');
    }
    expect(referredParticipation(data(), consented.value)).toMatchObject({
      status: 'REFERRED',
      kon: 'KVINNA',
      startYear: 2026,
      birthYear: 1990,
      ageAtReferral: 35,
      hemkommun: '1981',
      consentGivenOn: '2026-02-01',
      enrolledOn: null,
      outcomes: [],
    });
    expect(referredParticipation(anonymousData(), without.value)).toMatchObject({
      status: 'REFERRED',
      kon: 'MAN',
      startYear: 2026,
      birthYear: null,
      ageAtReferral: null,
      hemkommun: null,
      consentGivenOn: null,
    });
  });

  it('takes a samordningsnummer (day + 60) with its check digit', () => {
    const serial = '19900375-982';
    const verdict = checkReferral(identity(), data({ personnummer: `${serial}${luhn('900375982')}` }));
    expect(verdict).toMatchObject({
      ok: true,
      value: { person: { coordinationNumber: true, birthDate: '1990-03-15' } },
    });
  });
});

describe('decision', () => {
  const referred = participation('REFERRED');

  it('accepts, or rejects with a reason (trimmed)', () => {
    expect(decideReferral(referred, { accept: true, decidedOn: '2026-02-05' })).toEqual({
      ok: true,
      value: { status: 'ACCEPTED', decisionReason: null, decidedOn: '2026-02-05' },
    });
    expect(decideReferral(referred, { accept: false, reason: '  Not motivated ', decidedOn: '2026-02-01' })).toEqual({
      ok: true,
      value: { status: 'REJECTED', decisionReason: 'Not motivated', decidedOn: '2026-02-01' },
    });
  });

  it('refuses a rejection without a reason', () => {
    for (const reason of [undefined, null, '   ']) {
      expect(decideReferral(referred, { accept: false, reason, decidedOn: '2026-02-05' })).toEqual(
        refused(['reason'], 'A rejection says why'),
      );
    }
  });

  it('refuses to accept despite exclusion grounds, and still lets one reject', () => {
    const excluded = participation('REFERRED', { exclusionGrounds: ['KNOWN_THREAT', 'TOO_ILL'] });
    expect(decideReferral(excluded, { accept: true, decidedOn: '2026-02-05' })).toEqual(
      refused(['accept'], 'Exclusion grounds were found: KNOWN_THREAT, TOO_ILL'),
    );
    expect(decideReferral(excluded, { accept: false, reason: 'Hot', decidedOn: '2026-02-05' }).ok).toBe(true);
  });

  it('accepts a referral without the inclusion criteria only with a justification', () => {
    for (const [over, unmet] of [
      [{ needsTwoMembers: false }, 'needsTwoMembers'],
      [{ motivated: false }, 'motivated'],
      [{ needsTwoMembers: false, motivated: false }, 'needsTwoMembers, motivated'],
    ] as const) {
      const short = participation('REFERRED', over);
      for (const reason of [undefined, null, '  ']) {
        expect(decideReferral(short, { accept: true, reason, decidedOn: '2026-02-05' })).toEqual(
          refused(
            ['reason'],
            `The referral does not meet the inclusion criteria (${unmet}): accepting it needs a justification`,
          ),
        );
      }
      expect(
        decideReferral(short, { accept: true, reason: ' Samordnat behov bedömt vid SIP ', decidedOn: '2026-02-05' }),
      ).toEqual({
        ok: true,
        value: { status: 'ACCEPTED', decisionReason: 'Samordnat behov bedömt vid SIP', decidedOn: '2026-02-05' },
      });
      expect(decideReferral(short, { accept: false, reason: 'Ej motiverad', decidedOn: '2026-02-05' }).ok).toBe(true);
    }
  });

  it('is decided by the verksamhetsledare, or by any of the team when the insats says so', () => {
    const lead = identity({ leadInterventionIds: [SALA] });
    const staff = identity();
    const board = identity({ roles: ['board'], interventionIds: [], leadInterventionIds: [] });
    expect(mayDecideReferral(lead, SALA, 'VERKSAMHETSLEDARE')).toBe(true);
    expect(mayDecideReferral(staff, SALA, 'VERKSAMHETSLEDARE')).toBe(false);
    expect(mayDecideReferral(staff, SALA, null)).toBe(false);
    expect(mayDecideReferral(staff, SALA, 'TEAM')).toBe(true);
    expect(mayDecideReferral(lead, FNS, 'TEAM')).toBe(false);
    expect(
      mayDecideReferral(
        identity({ interventionIds: [SALA, FNS], leadInterventionIds: [SALA] }),
        FNS,
        'VERKSAMHETSLEDARE',
      ),
    ).toBe(false);
    expect(mayDecideReferral(board, SALA, 'TEAM')).toBe(false);
  });

  it('refuses a decision before the referral', () => {
    expect(decideReferral(referred, { accept: true, decidedOn: '2026-01-31' })).toEqual(
      refused(['decidedOn'], 'The decision is before the referral'),
    );
  });
});

describe('enrolment', () => {
  const accepted = participation('ACCEPTED');

  it('plans the end a year later', () => {
    expect(enrol(accepted, '2026-03-01', INSATS)).toEqual({
      ok: true,
      value: { status: 'ENROLLED', enrolledOn: '2026-03-01', plannedEnd: '2027-03-01' },
    });
    expect(enrol(accepted, '2026-02-01', INSATS, { educationLevel: 'GYMNASIUM' }).ok).toBe(true);
  });

  it('refuses an enrolment before the referral', () => {
    expect(enrol(accepted, '2026-01-31', INSATS)).toEqual(refused(['enrolledOn'], 'Enrolment is before the referral'));
  });

  it('enrols only while the insats runs: from its start, to its end day', () => {
    const insats = { startDate: '2026-03-01', endDate: '2026-06-30' };
    expect(enrol(accepted, '2026-03-01', insats).ok).toBe(true);
    expect(enrol(accepted, '2026-06-30', insats).ok).toBe(true);
    expect(enrol(accepted, '2026-02-28', insats)).toEqual(
      refused(['enrolledOn'], 'Enrolment is before the insats started (2026-03-01)'),
    );
    expect(enrol(accepted, '2026-07-01', insats)).toEqual(
      refused(['enrolledOn'], 'Enrolment is after the insats ended (2026-06-30)'),
    );
    expect(enrol(accepted, '2026-03-01', null)).toEqual(
      refused(['participationId'], 'The insats of this participation is not in your förbund'),
    );
  });

  it('refuses background without consent, at each field given', () => {
    const background = { educationLevel: 'GYMNASIUM', supportBefore: ['SJUKPENNING'], yearsInSupport: 2 };
    const verdict = enrol(anonymous('ACCEPTED'), '2026-03-01', INSATS, background);
    expect(verdict).toEqual({
      ok: false,
      issues: ['educationLevel', 'supportBefore', 'yearsInSupport'].map((f) => ({
        path: ['background', f],
        message: 'An anonymous participation (no consent) keeps no identifying or background data',
      })),
    });
    expect(enrol(anonymous('ACCEPTED'), '2026-03-01', INSATS).ok).toBe(true);
    expect(enrol(anonymous('ACCEPTED'), '2026-03-01', INSATS, null).ok).toBe(true);
  });
});

describe('while enrolled', () => {
  const enrolled = participation('ENROLLED');

  it('takes follow-ups from enrolment on', () => {
    expect(recordFollowUp(enrolled, '2026-03-01').ok).toBe(true);
    expect(recordFollowUp(enrolled, '2026-02-28')).toEqual(refused(['date'], 'The follow-up is before enrolment'));
  });

  it('keeps a handlingsplan only with consent, which it checks first', () => {
    expect(setActionPlan(enrolled).ok).toBe(true);
    expect(setActionPlan(anonymous('ENROLLED'))).toEqual(refused(['input'], /anonymous/));
    expect(setActionPlan(anonymous('REFERRED'))).toEqual(refused(['input'], /anonymous/));
    expect(setActionPlan(participation('ENROLLED', { consentWithdrawnOn: '2026-04-01' }))).toEqual(
      refused(['input'], /anonymous/),
    );
  });

  it('extends on the styrgrupp’s extension decision about this participation', () => {
    const wrong = refused(['decisionId'], 'Not an extension decision of the styrgrupp for this participation');
    expect(checkExtensionDecision({ kind: 'EXTENSION', participationId: 'p1' }, 'p1').ok).toBe(true);
    expect(checkExtensionDecision({ kind: 'EXTENSION', participationId: 'p2' }, 'p1')).toEqual(wrong);
    expect(checkExtensionDecision({ kind: 'EXTENSION', participationId: null }, 'p1')).toEqual(wrong);
    expect(checkExtensionDecision({ kind: 'OTHER', participationId: 'p1' }, 'p1')).toEqual(wrong);
    expect(checkExtensionDecision(null, 'p1')).toEqual(wrong);
  });

  it('extends to a later planned end only', () => {
    expect(extend(enrolled, 'd1', '2027-09-01')).toEqual({
      ok: true,
      value: { extensionDecisionId: 'd1', plannedEnd: '2027-09-01' },
    });
    for (const end of ['2027-03-01', '2027-02-01']) {
      expect(extend(enrolled, 'd1', end)).toEqual(
        refused(['newPlannedEnd'], 'An extension ends later than the planned end'),
      );
    }
  });
});

describe('exit', () => {
  const enrolled = participation('ENROLLED');

  it('ends with each outcome once and the support after', () => {
    expect(
      exit(enrolled, {
        exitedOn: '2026-03-01',
        outcomes: ['STUDIER', 'STUDIER', 'ARBETE_MED_STOD'],
        supportAfter: ['LON'],
      }),
    ).toEqual({
      ok: true,
      value: {
        status: 'EXITED',
        exitedOn: '2026-03-01',
        outcomes: ['STUDIER', 'ARBETE_MED_STOD'],
        supportAfter: ['LON'],
      },
    });
    expect(exit(enrolled, { exitedOn: '2026-03-01', outcomes: ['AVBROTT'] })).toMatchObject({
      value: { supportAfter: null },
    });
  });

  it('refuses an exit before enrolment', () => {
    expect(exit(enrolled, { exitedOn: '2026-02-28', outcomes: ['STUDIER'] })).toEqual(
      refused(['exitedOn'], 'The exit date is before enrolment'),
    );
  });

  it('refuses an exit without an outcome', () => {
    expect(exit(enrolled, { exitedOn: '2026-03-01', outcomes: [] })).toEqual(
      refused(['outcomes'], 'Give at least one outcome'),
    );
  });

  it('refuses support after without consent', () => {
    expect(exit(anonymous('ENROLLED'), { exitedOn: '2026-03-01', outcomes: ['STUDIER'], supportAfter: [] })).toEqual(
      refused(['input', 'supportAfter'], /anonymous/),
    );
    expect(exit(anonymous('ENROLLED'), { exitedOn: '2026-03-01', outcomes: ['STUDIER'] }).ok).toBe(true);
  });
});

describe('after exit', () => {
  // Exited on 2026-09-30: the 6-month follow-up is due 2027-03-30, the 18-month one 2028-03-30.
  const exited = participation('EXITED');
  const LATER = '2028-04-15';

  it('records what is given and leaves the rest', () => {
    const given = { finalDocumentationSentOn: '2026-09-30', level18Months: 'LOWER' } as const;
    expect(recordAfterExit(exited, given, LATER)).toEqual({ ok: true, value: given });
    expect(recordAfterExit(exited, {}, LATER)).toEqual({ ok: true, value: {} });
  });

  it('refuses final documentation sent before the exit, or dated in the future', () => {
    expect(recordAfterExit(exited, { finalDocumentationSentOn: '2026-09-29' }, LATER)).toEqual(
      refused(['finalDocumentationSentOn'], 'Sent before the exit'),
    );
    expect(recordAfterExit(exited, { finalDocumentationSentOn: '2026-10-02' }, '2026-10-01')).toEqual(
      refused(['finalDocumentationSentOn'], 'Not dated in the future'),
    );
  });

  it('gives each follow-up a window from a month before its due day to two months after', () => {
    // Month arithmetic as the kit's addMonths: 2027-02-30 is 2027-03-02.
    expect(afterExitWindow('2026-09-30', 6)).toEqual({ opens: '2027-03-02', closes: '2027-05-30' });
    expect(afterExitWindow('2026-01-15', 18)).toEqual({ opens: '2027-06-15', closes: '2027-09-15' });
  });

  it('records the 6-month level within its window, not a day outside it', () => {
    const outside = refused(
      ['level6Months'],
      'The 6-month follow-up is made from 2027-03-02 to 2027-05-30 ' +
        '(6 months after the exit, one month before to two after)',
    );
    for (const day of ['2027-03-02', '2027-03-30', '2027-05-30']) {
      expect(recordAfterExit(exited, { level6Months: 'SAME' }, day).ok).toBe(true);
    }
    for (const day of ['2026-10-01', '2027-03-01', '2027-05-31', '2028-03-30']) {
      expect(recordAfterExit(exited, { level6Months: 'SAME' }, day)).toEqual(outside);
    }
  });

  it('records the 18-month level within its window, not a day outside it', () => {
    expect(recordAfterExit(exited, { level18Months: 'HIGHER' }, '2028-03-30').ok).toBe(true);
    expect(recordAfterExit(exited, { level18Months: 'HIGHER' }, '2028-03-01').ok).toBe(true);
    expect(recordAfterExit(exited, { level18Months: 'HIGHER' }, '2028-02-29')).toEqual(
      refused(['level18Months'], /^The 18-month follow-up is made from 2028-03-01 to 2028-05-30/),
    );
    expect(recordAfterExit(exited, { level18Months: 'HIGHER' }, '2028-05-31').ok).toBe(false);
    expect(recordAfterExit(exited, { level18Months: 'HIGHER' }, '2027-03-30').ok).toBe(false);
  });
});
