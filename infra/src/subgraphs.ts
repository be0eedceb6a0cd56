/**
 * Every subgraph the platform runs, in one list: name, default port, database needs, server.
 * Adding a subgraph means adding it here; start-up, tests and schema composition follow.
 */

import * as finance from '@finsam/finance/server.js';
import * as governance from '@finsam/governance/server.js';
import * as indicators from '@finsam/indicators/server.js';
import * as participants from '@finsam/participants/server.js';
import * as teams from '@finsam/teams/server.js';

export const SUBGRAPHS = [
  { ...governance, port: 4004 },
  { ...teams, port: 4002 },
  { ...participants, port: 4001 },
  { ...indicators, port: 4005 },
  { ...finance, port: 4003 },
] as const;

export type SubgraphModule = (typeof SUBGRAPHS)[number];
