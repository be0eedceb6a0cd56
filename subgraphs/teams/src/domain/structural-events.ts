/**
 * Events of a strukturövergripande insats (trainings, frukostseminarier, webinars): only such an
 * insats records them, and their attendees are counted per year against its yearly target.
 */
import { ValidationError } from '@finsam/kit/errors.js';
import { parseInput } from '@finsam/kit/validation.js';
import { z } from 'zod';
import type { Intervention } from '../entities/Intervention.js';
import type { StructuralEvent } from '../entities/StructuralEvent.js';

export const EVENT_FORMATS = ['DIGITAL', 'PHYSICAL'] as const;

const eventSchema = z.object({
  date: z.string(),
  title: z.string().trim().min(2, 'Title is required').max(300),
  format: z.enum(EVENT_FORMATS),
  audience: z.string().trim().min(2, 'Say who it was for').max(300),
  attendees: z.number().int().min(0, 'Attendees cannot be negative').max(100_000),
});

export type StructuralEventData = z.infer<typeof eventSchema>;

/** An event from its input; or a ValidationError. */
export function parseStructuralEvent(input: unknown): StructuralEventData {
  return parseInput(eventSchema, input);
}

/** Only a strukturövergripande insats records events; an individinriktad one counts participants instead. */
export function assertRecordsEvents(i: Pick<Intervention, 'kind'>): void {
  if (i.kind !== 'STRUCTURAL') {
    throw new ValidationError([
      { path: ['interventionId'], message: 'Events belong to a strukturövergripande insats' },
    ]);
  }
}

/** The events of one calendar year (no year: all). */
export function eventsIn<E extends Pick<StructuralEvent, 'date'>>(
  events: readonly E[],
  year: number | null | undefined,
): E[] {
  return year == null ? [...events] : events.filter((e) => e.date.startsWith(`${year}-`));
}

export interface Attendance {
  year: number;
  events: number;
  attendees: number;
  /** The insats' attendees aimed for per year, if it has one. */
  target: number | null;
}

/** A year's events and attendees against the insats' yearly target (the events given are that year's). */
export function attendance(
  year: number,
  events: readonly Pick<StructuralEvent, 'attendees'>[],
  target: number | null | undefined,
): Attendance {
  return {
    year,
    events: events.length,
    attendees: events.reduce((sum, e) => sum + e.attendees, 0),
    target: target ?? null,
  };
}

/** Whether the year's attendees reached the target; null without a target. */
export function targetReached(a: Attendance): boolean | null {
  return a.target == null ? null : a.attendees >= a.target;
}
