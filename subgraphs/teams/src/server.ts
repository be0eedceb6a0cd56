import { defineSubgraph } from '@finsam/kit/server.js';
import { builder } from './schema/builder.js';
import './schema/Member.js';
import './schema/Intervention.js';
import './schema/StaffPosition.js';
import './schema/LocalGoal.js';
import './schema/StructuralEvent.js';
import './schema/Forbund.js';
import './schema/ForbundYear.js';
import './schema/Merger.js';
import { seedTeams } from './demo/seed.js';
import { Intervention } from './entities/Intervention.js';
import { LocalGoal } from './entities/LocalGoal.js';
import { StaffPosition } from './entities/StaffPosition.js';
import { StructuralEvent } from './entities/StructuralEvent.js';
import { migrations } from './migrations/list.js';

export const { name, database, seed, buildSchema, createServer } = defineSubgraph({
  name: 'teams',
  builder,
  database: { entities: [Intervention, StaffPosition, LocalGoal, StructuralEvent], migrations },
  seed: seedTeams,
});
