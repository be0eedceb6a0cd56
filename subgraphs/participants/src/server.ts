import { defineSubgraph } from '@finsam/kit/server.js';
import { builder } from './schema/builder.js';
import './schema/Intervention.js';
import './schema/Audit.js';
import './schema/Participation.js';
import './schema/PersonDetails.js';
import './schema/Referral.js';
import './schema/Enrolment.js';
import './schema/FollowUp.js';
import './schema/Exit.js';
import './schema/Consent.js';
import './schema/Deadline.js';
import './schema/Statistics.js';
import './schema/ActionPlan.js';
import './schema/Screening.js';
import { warmPublishedYears } from './schema/ForbundYear.js';
import './schema/CountyReport.js';
import './schema/PlanGoal.js';
import './schema/Gallring.js';
import './schema/RegisterExtract.js';
import './schema/Merger.js';
import './schema/Import.js';
import './schema/Correction.js';
import { seedParticipants } from './demo/seed.js';
import { AuditEntry } from './entities/AuditEntry.js';
import { FollowUp } from './entities/FollowUp.js';
import { Participation } from './entities/Participation.js';
import { Person } from './entities/Person.js';
import { RecordsEvent } from './entities/RecordsEvent.js';
import { RetentionPolicy } from './entities/RetentionPolicy.js';
import { Screening } from './entities/Screening.js';
import { migrations } from './migrations/list.js';

export const { name, database, seed, buildSchema, createServer } = defineSubgraph({
  name: 'participants',
  builder,
  database: {
    entities: [Person, Participation, FollowUp, AuditEntry, Screening, RetentionPolicy, RecordsEvent],
    migrations,
  },
  seed: seedParticipants,
  // The first county report after a start would otherwise publish every förbund's years at once.
  warmUp: (orm) => warmPublishedYears(orm),
});
