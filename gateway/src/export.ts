import type { IncomingHttpHeaders } from 'node:http';
/**
 * File downloads built from the graph: the gateway runs an ordinary GraphQL operation with the
 * caller's identity (so every subgraph applies its own rules) and flattens the answer to CSV.
 */

import type { ApolloServer } from '@apollo/server';
import { ANONYMOUS, type Identity, isAnonymous } from '@finsam/kit/identity.js';
import { createLogger } from '@finsam/kit/log.js';
import { spreadsheetCsv } from '@finsam/kit/spreadsheet-csv.js';
import type { Express, Request } from 'express';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from './gateway.js';

/**
 * Uppföljning Finsam (Försäkringskassan): per insats its inriktning, participants new and total by kön,
 * structural attendees, budget and outcome; per förbund its allotted funds and eget kapital. The columns
 * are documented in docs/finance.md.
 */
export const UPPFOLJNING_FINSAM = `query UppfoljningFinsam($year: Int!) {
  forbund {
    name organisationNumber
    year(year: $year) {
      participants {
        interventions {
          intervention { id name kind }
          new { suppressed value }
          newByKon { key count { suppressed value } }
          total { suppressed value }
          totalByKon { key count { suppressed value } }
        }
      }
      structuralAttendees { intervention { id name kind } events attendees }
      finance {
        income closingEquity complete
        interventions {
          intervention { id name kind insatsBudget(year: $year) { totalCosts } }
          allocated used differens
        }
      }
    }
  }
}`;

interface Insats {
  id: string;
  name: string;
  kind: string;
}
/** A count under the participants' disclosure policy. */
interface Disclosed {
  suppressed: boolean;
  value: number | null;
}
/**
 * A suppressed count is written as SCB writes one, `..`, never as 0 or as an empty cell that a
 * spreadsheet would sum as 0. A figure that is not known (no budget decided) is written the same way.
 */
export const SUPPRESSED_CELL = '..';
const count = (c: Disclosed) => (c.suppressed ? SUPPRESSED_CELL : c.value);
const known = (v: number | null | undefined) => v ?? SUPPRESSED_CELL;

/** Inriktning as Uppföljning Finsam names it. */
const INRIKTNING: Record<string, string> = { INDIVIDUAL: 'individinriktad', STRUCTURAL: 'strukturövergripande' };

interface ByKon {
  key: string;
  count: Disclosed;
}
interface Answer {
  forbund: {
    name: string;
    organisationNumber: string;
    year: {
      participants: {
        interventions: {
          intervention: Insats;
          new: Disclosed;
          newByKon: ByKon[];
          total: Disclosed;
          totalByKon: ByKon[];
        }[];
      };
      structuralAttendees: { intervention: Insats; events: number; attendees: number }[];
      finance: {
        income: number | null;
        closingEquity: number | null;
        complete: boolean;
        interventions: {
          intervention: Insats & { insatsBudget: { totalCosts: number } | null };
          allocated: number;
          used: number;
          differens: number;
        }[];
      };
    };
  } | null;
}

export const UPPFOLJNING_COLUMNS = [
  'forbund',
  'organisation_number',
  'year',
  'intervention_id',
  'intervention',
  'inriktning',
  'participants_new',
  'participants_new_kvinna',
  'participants_new_man',
  'participants_new_unknown',
  'participants_total',
  'participants_kvinna',
  'participants_man',
  'participants_unknown',
  'structural_events',
  'structural_attendees',
  'insats_budget',
  'allocated',
  'used',
  'differens',
  'forbund_allocated',
  'eget_kapital_year_end',
  'eget_kapital_complete',
] as const;
type Row = Record<(typeof UPPFOLJNING_COLUMNS)[number], unknown>;

/** One row per insats that has participants, attendees or money in the year. */
function uppfoljningRows(answer: Answer, year: number): Row[] {
  const f = answer.forbund!;
  const byId = new Map<string, Row>();
  const row = (i: Insats) => {
    let r = byId.get(i.id);
    if (!r) {
      r = {
        forbund: f.name,
        organisation_number: f.organisationNumber,
        year,
        intervention_id: i.id,
        intervention: i.name,
        inriktning: INRIKTNING[i.kind] ?? i.kind,
        participants_new: 0,
        participants_new_kvinna: 0,
        participants_new_man: 0,
        participants_new_unknown: 0,
        participants_total: 0,
        participants_kvinna: 0,
        participants_man: 0,
        participants_unknown: 0,
        structural_events: 0,
        structural_attendees: 0,
        insats_budget: SUPPRESSED_CELL,
        allocated: 0,
        used: 0,
        differens: 0,
        // The money the förbund was allotted (its members' contributions), not the sum of its allocations.
        forbund_allocated: known(f.year.finance.income),
        eget_kapital_year_end: known(f.year.finance.closingEquity),
        eget_kapital_complete: f.year.finance.complete ? 'ja' : 'nej',
      };
      byId.set(i.id, r);
    }
    return r;
  };
  for (const p of f.year.participants.interventions) {
    const r = row(p.intervention);
    r.participants_new = count(p.new);
    r.participants_total = count(p.total);
    for (const k of p.newByKon) {
      r[`participants_new_${k.key.toLowerCase()}` as keyof Row] = count(k.count);
    }
    for (const k of p.totalByKon) {
      r[`participants_${k.key.toLowerCase()}` as keyof Row] = count(k.count);
    }
  }
  for (const s of f.year.structuralAttendees) {
    Object.assign(row(s.intervention), { structural_events: s.events, structural_attendees: s.attendees });
  }
  for (const m of f.year.finance.interventions) {
    Object.assign(row(m.intervention), {
      insats_budget: known(m.intervention.insatsBudget?.totalCosts),
      allocated: m.allocated,
      used: m.used,
      differens: m.differens,
    });
  }
  return [...byId.values()].sort((a, b) => String(a.intervention).localeCompare(String(b.intervention), 'sv'));
}

const log = createLogger('gateway');

export function serveExports(
  app: Express,
  apollo: ApolloServer<GatewayContext>,
  identify: (headers: IncomingHttpHeaders) => Promise<Identity>,
) {
  app.get('/export/uppfoljning-finsam/:file', async (req: Request<{ file: string }>, res) => {
    const year = Number(/^(\d{4})\.csv$/.exec(req.params.file)?.[1]);
    if (!year) {
      res
        .status(400)
        .json({ error: { code: 'BAD_REQUEST', message: 'Ask for /export/uppfoljning-finsam/<year>.csv' } });
      return;
    }
    // A bad token and no token alike: refused here, before any subgraph is asked. A failure of ours (the directory
    // unreachable) is said as one, never as a refusal.
    let identity: Identity;
    try {
      identity = await identify(req.headers);
    } catch (error) {
      const code = error instanceof GraphQLError ? error.extensions.code : undefined;
      if (code !== 'UNAUTHENTICATED' && code !== 'BAD_USER_INPUT') {
        log.error('could not identify the caller of an export', { err: error });
        res.status(503).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Could not identify the caller' } });
        return;
      }
      identity = ANONYMOUS;
    }
    if (isAnonymous(identity)) {
      res.status(401).json({ error: { code: 'UNAUTHENTICATED', message: 'A valid token is required' } });
      return;
    }
    const response = await apollo.executeOperation(
      { query: UPPFOLJNING_FINSAM, variables: { year } },
      { contextValue: { identity } },
    );
    const result = response.body.kind === 'single' ? response.body.singleResult : null;
    const data = result?.data as Answer | undefined;
    if (!data?.forbund || result?.errors?.length) {
      const code = (result?.errors?.[0]?.extensions?.code as string | undefined) ?? 'FORBIDDEN';
      const refused = code === 'FORBIDDEN' || code === 'UNAUTHENTICATED';
      if (!refused) {
        // Part of the file could not be made: no file rather than one with holes.
        log.error('could not make an export', { code, message: result?.errors?.[0]?.message });
      }
      res
        .status(code === 'UNAUTHENTICATED' ? 401 : refused ? 403 : 503)
        .json({ error: { code, message: result?.errors?.[0]?.message ?? 'No förbund of yours to export' } });
      return;
    }
    const csv = spreadsheetCsv(UPPFOLJNING_COLUMNS, uppfoljningRows(data, year));
    res
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="uppfoljning-finsam-${year}.csv"`)
      .send(csv);
  });
}
