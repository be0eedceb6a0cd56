/**
 * Idempotent demo seed, run as the database owner: a förbund that already exists is left as it
 * is (an administrator may have edited it).
 */
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { forkForTenant } from '@finsam/kit/tenant.js';
import { Forbund } from '@finsam/governance/entities/Forbund.js';
import { Member } from '@finsam/governance/entities/Member.js';
import { DEMO_FORBUND } from './demo.js';

export async function seedGovernance(orm: MikroORM): Promise<void> {
  for (const f of DEMO_FORBUND) {
    const em = forkForTenant(orm.em, f.id);
    if (await em.count(Forbund, { id: f.id })) continue;
    await em.transactional(async (tx) => {
      const forbund = tx.create(Forbund, { id: f.id, tenantId: f.id, name: f.name, slug: f.slug, organisationNumber: f.organisationNumber });
      f.members.forEach((m, position) =>
        tx.create(Member, {
          id: randomUUID(),
          tenantId: f.id,
          forbund,
          kind: m.kind,
          name: m.name,
          scbCode: m.scbCode ?? null,
          shareBasisPoints: m.shareBasisPoints ?? null,
          position,
        }),
      );
    });
  }
}

/** Seeds per subgraph, by name; subgraphs without demo data are absent. */
export const SEEDS: Record<string, (orm: MikroORM) => Promise<void>> = {
  governance: seedGovernance,
};
