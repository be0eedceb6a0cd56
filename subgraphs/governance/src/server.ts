import { defineSubgraph } from '@finsam/kit/server.js';
import { builder } from './schema/builder.js';
import './schema/Member.js';
import './schema/Forbund.js';
import './schema/Me.js';
import './schema/Intervention.js';
import './schema/Body.js';
import './schema/Meeting.js';
import './schema/Decision.js';
import './schema/Avvikelse.js';
import './schema/Calendar.js';
import './schema/PlanGoal.js';
import './schema/ForbundYear.js';
import './schema/DirectoryUser.js';
import './schema/AccessEvent.js';
import './schema/AccessGrant.js';
import './schema/Invitation.js';
import './schema/County.js';
import './schema/TrustedIssuer.js';
import './schema/PlatformGrant.js';
import './schema/ResolvedAccess.js';
import './schema/RegisterExtract.js';
import './schema/Merger.js';
import { seedGovernance } from './demo/seed.js';
import { AccessEvent } from './entities/AccessEvent.js';
import { AccessGrant } from './entities/AccessGrant.js';
import { Avvikelse } from './entities/Avvikelse.js';
import { Body } from './entities/Body.js';
import { BodyMember } from './entities/BodyMember.js';
import { County } from './entities/County.js';
import { Decision } from './entities/Decision.js';
import { DirectoryUser } from './entities/DirectoryUser.js';
import { Forbund } from './entities/Forbund.js';
import { ForbundMerger } from './entities/ForbundMerger.js';
import { Invitation } from './entities/Invitation.js';
import { Meeting } from './entities/Meeting.js';
import { Member } from './entities/Member.js';
import { MinutesCorrection } from './entities/MinutesCorrection.js';
import { PlanGoal } from './entities/PlanGoal.js';
import { PlatformGrant } from './entities/PlatformGrant.js';
import { TrustedIssuer } from './entities/TrustedIssuer.js';
import { migrations } from './migrations/list.js';

export const { name, database, seed, buildSchema, createServer } = defineSubgraph({
  name: 'governance',
  builder,
  database: {
    entities: [
      Forbund,
      ForbundMerger,
      Member,
      Body,
      BodyMember,
      Meeting,
      MinutesCorrection,
      Decision,
      Avvikelse,
      PlanGoal,
      DirectoryUser,
      AccessGrant,
      Invitation,
      PlatformGrant,
      County,
      TrustedIssuer,
      AccessEvent,
    ],
    migrations,
  },
  seed: seedGovernance,
});
