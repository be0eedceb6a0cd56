import type { ValidationIssue } from '@finsam/kit/errors.js';
import type { z } from 'zod';

/** Hands a domain rule's issues to zod inside an input schema, so `parseInput` reports them with the rest. */
export function addIssues(ctx: z.RefinementCtx, issues: readonly ValidationIssue[]): void {
  for (const { path, message } of issues) {
    ctx.addIssue({ code: 'custom', path, message });
  }
}
