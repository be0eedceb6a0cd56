/**
 * The demo insatser through the rules a client's insats goes through (`domain/`): creation (fields,
 * cross-field rules, owners and kommuner of the förbund), staff positions, local goals and events.
 * The seed refuses to write an insats that breaks one, and a unit test lists them all.
 */
import { demoMemberId, forbundBySlug, memberRef } from '@finsam/governance/demo/forbund.js';
import { ValidationError, type ValidationIssue } from '@finsam/kit/errors.js';
import { parseLocalGoal } from '../domain/goals.js';
import { checkIntervention, type ForbundMember, parseNewIntervention } from '../domain/intervention.js';
import { parseStaffPosition, staffPosition } from '../domain/staff.js';
import { assertRecordsEvents, parseStructuralEvent } from '../domain/structural-events.js';
import type { DemoIntervention } from './interventions.js';

/** The förbund's members as governance describes them to teams. */
export function demoMembers(slug: string): ForbundMember[] {
  const f = forbundBySlug(slug);
  return f.members.map((m) => ({ id: demoMemberId(f.id, memberRef(m)), kind: m.kind, scbCode: m.scbCode ?? null }));
}

/** Every rule the demo insats breaks, each issue prefixed with the part it is about (none: it may be seeded). */
export function demoInterventionIssues(d: DemoIntervention): ValidationIssue[] {
  const tenantId = forbundBySlug(d.forbund).id;
  const member = (ref: string) => demoMemberId(tenantId, ref);
  const members = demoMembers(d.forbund);
  const issues: ValidationIssue[] = [];
  const collect = (at: (string | number)[], rule: () => unknown) => {
    try {
      rule();
    } catch (error) {
      if (!(error instanceof ValidationError)) {
        throw error;
      }
      issues.push(...error.issues.map((i) => ({ ...i, path: [...at, ...i.path] })));
    }
  };
  collect([], () =>
    checkIntervention(
      parseNewIntervention({
        name: d.name,
        kind: d.kind,
        form: d.form,
        ownerMemberIds: d.owners.map(member),
        bookkeepingMemberId: member(d.bookkeeping),
        startDate: d.startDate,
        endDate: d.endDate,
        noticeMonths: d.noticeMonths,
        kommunCodes: d.kommunCodes,
        targetAgeMin: d.targetAgeMin,
        targetAgeMax: d.targetAgeMax,
        priorityGroups: d.priorityGroups,
        maxEnrolled: d.maxEnrolled,
        yearlyPlaces: d.yearlyPlaces,
        methods: d.methods,
        followUpMethod: d.followUpMethod,
        esfFunded: d.esfFunded,
        attendeeTargetPerYear: d.attendeeTargetPerYear,
      }),
      members,
    ),
  );
  const memberIds = members.map((m) => m.id);
  d.staff.forEach((s, i) =>
    collect(['staff', i], () =>
      staffPosition(
        parseStaffPosition({
          role: s.role,
          employerMemberId: member(s.employer),
          fte: s.ftePercent,
          financing: s.financing,
          from: s.from,
          to: s.to,
        }),
        memberIds,
      ),
    ),
  );
  d.goals.forEach((g, i) => collect(['goals', i], () => parseLocalGoal(g)));
  d.events.forEach((e, i) =>
    collect(['events', i], () => {
      assertRecordsEvents(d);
      parseStructuralEvent(e);
    }),
  );
  return issues;
}

/** Throws the rules' ValidationError for a demo insats that breaks one. */
export function checkDemoIntervention(d: DemoIntervention): void {
  const issues = demoInterventionIssues(d);
  if (issues.length) {
    throw new ValidationError(issues.map((i) => ({ ...i, message: `${d.name}: ${i.message}` })));
  }
}
