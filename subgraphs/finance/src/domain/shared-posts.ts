/**
 * A shared post (DOMAIN.md, "Definitions and corrections"): a post the förbund funds that serves
 * several insatser, e.g. the Årsrapport's "Kurator Region Västmanland". It is no insats: it has an
 * allocation and requisitions of its own, and its staffing is the time it gives each insats it serves.
 * The insatser list that same time in their own staffing, so a total counts the post once: through
 * the insatser it serves, never again as a post.
 */
import { sum } from './money.js';

export interface PostService {
  interventionId: string;
  ftePercent: number;
}

/** The post's size: the time it gives all the insatser it serves, in percent of full time. */
export const postFte = (services: readonly PostService[]) => Number(sum(services.map((s) => BigInt(s.ftePercent))));

/** A post shared by fewer than two insatser is an insats' own position, not a shared post. */
export const isShared = (services: readonly PostService[]) => new Set(services.map((s) => s.interventionId)).size >= 2;
