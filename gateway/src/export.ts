import type { IncomingHttpHeaders } from 'node:http';
/**
 * File downloads built from the graph: the gateway runs an ordinary GraphQL operation with the
 * caller's identity (so every subgraph applies its own rules) and flattens the answer to CSV.
 */

import type { ApolloServer } from '@apollo/server';
import { ANONYMOUS, type Identity, isAnonymous } from '@finsam/kit/identity.js';
import type { Express, Request } from 'express';
import type { GatewayContext } from './gateway.js';

/** Uppföljning Finsam (Försäkringskassan): per insats participants by kön, attendees, budget and outcome. */
export const UPPFOLJNING_FINSAM = `query UppfoljningFinsam($year: Int!) {
  forbund {
    name organisationNumber
    year(year: $year) {
      participants {
        interventions {
          intervention { id name kind }
          total { suppressed value }
          totalByKon { key count { suppressed value } }
        }
      }
      structuralAttendees { intervention { id name kind } events attendees }
      finance { allocated closingEquity interventions { intervention { id name kind } allocated used differens } }
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
 * spreadsheet would sum as 0.
 */
export const SUPPRESSED_CELL = '..';
const count = (c: Disclosed) => (c.suppressed ? SUPPRESSED_CELL : c.value);

interface Answer {
  forbund: {
    name: string;
    organisationNumber: string;
    year: {
      participants: {
        interventions: { intervention: Insats; total: Disclosed; totalByKon: { key: string; count: Disclosed }[] }[];
      };
      structuralAttendees: { intervention: Insats; events: number; attendees: number }[];
      finance: {
        allocated: number;
        closingEquity: number | null;
        interventions: { intervention: Insats; allocated: number; used: number; differens: number }[];
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
  'kind',
  'participants_total',
  'participants_kvinna',
  'participants_man',
  'participants_unknown',
  'structural_events',
  'structural_attendees',
  'allocated',
  'used',
  'differens',
  'forbund_allocated',
  'eget_kapital_year_end',
] as const;

const cell = (v: unknown) => {
  const s = v == null ? '' : String(v);
  return /[",\n\r;]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** One row per insats that has participants, attendees or money in the year. */
function uppfoljningRows(answer: Answer, year: number): Record<(typeof UPPFOLJNING_COLUMNS)[number], unknown>[] {
  const f = answer.forbund!;
  const byId = new Map<string, Record<string, unknown>>();
  const row = (i: Insats) => {
    let r = byId.get(i.id);
    if (!r) {
      r = {
        forbund: f.name,
        organisation_number: f.organisationNumber,
        year,
        intervention_id: i.id,
        intervention: i.name,
        kind: i.kind,
        participants_total: 0,
        participants_kvinna: 0,
        participants_man: 0,
        participants_unknown: 0,
        structural_events: 0,
        structural_attendees: 0,
        allocated: 0,
        used: 0,
        differens: 0,
        forbund_allocated: f.year.finance.allocated,
        eget_kapital_year_end: f.year.finance.closingEquity,
      };
      byId.set(i.id, r);
    }
    return r;
  };
  for (const p of f.year.participants.interventions) {
    const r = row(p.intervention);
    r.participants_total = count(p.total);
    for (const k of p.totalByKon) {
      r[`participants_${k.key.toLowerCase()}`] = count(k.count);
    }
  }
  for (const s of f.year.structuralAttendees) {
    Object.assign(row(s.intervention), { structural_events: s.events, structural_attendees: s.attendees });
  }
  for (const m of f.year.finance.interventions) {
    Object.assign(row(m.intervention), { allocated: m.allocated, used: m.used, differens: m.differens });
  }
  return [...byId.values()].sort((a, b) => String(a.intervention).localeCompare(String(b.intervention), 'sv')) as never;
}

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
    // A bad token and no token alike: refused here, before any subgraph is asked.
    const identity = await identify(req.headers).catch(() => ANONYMOUS);
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
      res
        .status(code === 'UNAUTHENTICATED' ? 401 : 403)
        .json({ error: { code, message: result?.errors?.[0]?.message ?? 'No förbund of yours to export' } });
      return;
    }
    const rows = uppfoljningRows(data, year);
    const lines = [
      UPPFOLJNING_COLUMNS.join(','),
      ...rows.map((r) => UPPFOLJNING_COLUMNS.map((c) => cell(r[c])).join(',')),
    ];
    const csv = `${lines.join('\r\n')}\r\n`;
    res
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="uppfoljning-finsam-${year}.csv"`)
      .send(csv);
  });
}
