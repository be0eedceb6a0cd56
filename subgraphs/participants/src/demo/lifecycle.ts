/**
 * A demo participation taken through the steps a client takes, with the rules of `domain/`: the
 * personnummer, the insats' target group and period, the referring member, the decision (both
 * inclusion criteria met), enrolment, each follow-up, the exit and what follows it — each checked
 * on the day it happened. The seed writes only what passes; a unit test takes every demo
 * participation through it.
 */
import { demoMemberId, forbundBySlug, memberRef } from '@finsam/governance/demo/forbund.js';
import { DEMO_INTERVENTIONS } from '@finsam/teams/demo/interventions.js';
import {
  checkReferringMember,
  checkTargetGroup,
  decideReferral,
  enrol,
  exit as exitParticipation,
  type LifecycleState,
  recordAfterExit,
  recordFollowUp,
} from '../domain/lifecycle.js';
import { parsePersonNumber } from '../domain/personnummer.js';
import { orRefuse } from '../domain/verdict.js';
import type { Participation } from '../entities/Participation.js';
import type { DemoParticipation } from './participations.js';

/** The participation's columns as the steps leave them (all but id, tenant, person and follow-ups). */
export type DemoRecord = Omit<
  Participation,
  'id' | 'tenantId' | 'person' | 'followUps' | 'screenings' | 'actionPlan' | 'protectedIdentity'
> & { followUps: string[] };

type State = LifecycleState & Pick<Participation, 'needsTwoMembers' | 'motivated'>;

/**
 * The demo participation after every step it has reached by `today`; throws the ValidationError a
 * client would get at the first step the rules refuse.
 */
export function demoRecord(d: DemoParticipation, today: string): DemoRecord {
  const forbund = forbundBySlug(d.forbund);
  const insats = DEMO_INTERVENTIONS.find((i) => i.id === d.interventionId && i.forbund === d.forbund) ?? null;
  const person = parsePersonNumber(d.personnummer, new Date(`${today}T23:59:59Z`));
  if (typeof person === 'string') {
    throw new Error(`Demo personnummer ${d.personnummer}: ${person}`);
  }
  orRefuse(checkTargetGroup(insats, { person, kon: person.kon, age: d.age }));
  const members = forbund.members.map((m) => ({ id: demoMemberId(forbund.id, memberRef(m)) }));
  const referringMemberId = demoMemberId(forbund.id, d.referringMember);
  orRefuse(checkReferringMember(referringMemberId, members));

  let state: State = {
    status: 'REFERRED',
    referredOn: d.referredOn,
    enrolledOn: null,
    plannedEnd: null,
    exitedOn: null,
    exclusionGrounds: [],
    consentGivenOn: d.referredOn,
    consentWithdrawnOn: null,
    // The inclusion criteria: coordinated support needed from at least two members, and motivated.
    needsTwoMembers: true,
    motivated: true,
  };
  let decision: Pick<Participation, 'decisionReason' | 'decidedOn'> = { decisionReason: null, decidedOn: null };
  if (d.decidedOn) {
    const decided = orRefuse(decideReferral(state, { accept: true, decidedOn: d.decidedOn }));
    state = { ...state, status: decided.status };
    decision = { decisionReason: decided.decisionReason, decidedOn: decided.decidedOn };
  }
  const background = d.enrolledOn
    ? { educationLevel: d.educationLevel, supportBefore: d.supportBefore, yearsInSupport: d.yearsInSupport }
    : null;
  if (d.enrolledOn) {
    state = { ...state, ...orRefuse(enrol(state, d.enrolledOn, insats, background)) };
  }
  for (const date of d.followUps) {
    if (date > today) {
      throw new Error(`Demo follow-up on ${date} is after today`);
    }
    orRefuse(recordFollowUp(state, date));
  }
  let exited: Pick<Participation, 'exitedOn' | 'outcomes' | 'supportAfter'> = {
    exitedOn: null,
    outcomes: [],
    supportAfter: null,
  };
  let after: Pick<Participation, 'finalDocumentationSentOn' | 'level6Months' | 'level18Months'> = {
    finalDocumentationSentOn: null,
    level6Months: null,
    level18Months: null,
  };
  if (d.exitedOn) {
    const { status, ...columns } = orRefuse(
      exitParticipation(state, { exitedOn: d.exitedOn, outcomes: d.outcomes, supportAfter: d.supportAfter }),
    );
    exited = columns;
    state = { ...state, status, exitedOn: columns.exitedOn };
    // Each as recorded on its own day: the final documentation when sent, each level on the day of its follow-up.
    if (d.finalDocumentationSentOn) {
      const sent = d.finalDocumentationSentOn;
      after = { ...after, ...orRefuse(recordAfterExit(state, { finalDocumentationSentOn: sent }, sent)) };
    }
    if (d.after6) {
      after = { ...after, ...orRefuse(recordAfterExit(state, { level6Months: d.after6.level }, d.after6.on)) };
    }
    if (d.after18) {
      after = { ...after, ...orRefuse(recordAfterExit(state, { level18Months: d.after18.level }, d.after18.on)) };
    }
  }
  return {
    interventionId: d.interventionId,
    status: state.status,
    // Gallring and mergers come later in a record's life than the demo reaches.
    culledOn: null,
    carriedOverTo: null,
    sourceRef: null,
    kon: person.kon,
    startYear: Number(d.referredOn.slice(0, 4)),
    birthYear: d.birthYear,
    ageAtReferral: d.age,
    hemkommun: d.hemkommun,
    referredOn: d.referredOn,
    referrerUnit: d.referrer,
    referringMemberId,
    needsTwoMembers: state.needsTwoMembers,
    motivated: state.motivated,
    exclusionGrounds: [],
    studyVisit: 'DONE',
    ...decision,
    consentGivenOn: state.consentGivenOn,
    consentWithdrawnOn: null,
    enrolledOn: state.enrolledOn ?? null,
    plannedEnd: state.plannedEnd ?? null,
    educationLevel: background?.educationLevel ?? null,
    supportBefore: background?.supportBefore ?? null,
    yearsInSupport: background?.yearsInSupport ?? null,
    extensionDecisionId: null,
    ...exited,
    ...after,
    followUps: d.followUps,
  };
}
