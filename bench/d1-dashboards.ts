/**
 * D1 (issue 19): the coordinators' dashboards through the API, on the P4 data set (100,000 cases /
 * ~2,000,000 events in a full run): what the stalled-cases screen asks (its first page, a page 20
 * pages deep through the cursor, filtered by stage and by the agency holding the step) and what
 * the flow screen asks (flow per stage combined over a country's corridors, the 12 months' trend,
 * the stall points), and the period summary of a year. Each request goes through the whole API
 * (authentication, validation, the country scope, the audit entry) with `inject`, as a Thai
 * coordinator; the baseline is GET /v1/me through the same API (the cost of any request).
 * Requests run round-robin, one at a time, so noise hits all of them alike.
 */
import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../api/app.js';
import { mintToken } from '../api/auth.js';
import { createWorkflowGateway } from '../api/workflow-gateway.js';
import { EncryptionCodec } from '../platform/crypto/payload-codec.js';
import type { Db } from '../store/db.js';
import { createPersonVault } from '../store/persons.js';
import { percentile } from './stats.js';
import { benchKeys } from './temporal-services.js';

export interface D1Options {
  db: Db;
  iterations: number;
  runs: number;
  log: (line: string) => void;
}

export interface D1Result {
  iterations: number;
  /** Per request label: p50 and p99 in ms, one value per run. The baseline is 'GET /v1/me'. */
  figures: Record<string, { p50: number[]; p99: number[] }>;
  /** What the requests found, to read the figures by. */
  shape: { stalledOverdue: number; stalledPageSize: number; deepPage: number; flowRows: number; trendMonths: number };
}

export const D1_BASELINE = 'GET /v1/me (baseline)';
const PAGE = 25;
const DEEP = 20;
const SECRET = 'bench-d1-secret-for-the-dashboards';

/** The dashboards read only Postgres: a Temporal connection that never connects is enough. */
async function dashboardApp(db: Db): Promise<FastifyInstance> {
  const keys = benchKeys();
  const temporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  return buildApp(
    {
      db,
      temporal,
      workflows: createWorkflowGateway(temporal, { taskQueue: 'bench-d1-unused' }),
      jwtSecret: SECRET,
      vault: createPersonVault(db, keys.masterKeys),
      payloadCodec: new EncryptionCodec(keys.payloadKeys),
    },
    { logger: false },
  );
}

export async function runD1(options: D1Options): Promise<D1Result> {
  const app = await dashboardApp(options.db);
  const token = await mintToken(SECRET, { userId: 'u-bench-coordinator', agencyId: 'th-dsdhs-bangkok', role: 'coordinator' });
  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    if (response.statusCode !== 200) throw new Error(`D1: ${url} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
    return response;
  };
  try {
    // The cursor of page 20, found once (untimed), as a reader paging on would hold it.
    let cursor: string | null = null;
    let first: any;
    for (let page = 1; page < DEEP; page++) {
      const body: any = (await get(`/v1/monitoring/stalled?limit=${PAGE}${cursor ? `&cursor=${cursor}` : ''}`)).json();
      first ??= body;
      if (!body.nextCursor) break;
      cursor = body.nextCursor;
    }
    const year = new Date().getUTCFullYear();
    const requests: Record<string, string> = {
      [D1_BASELINE]: '/v1/me',
      'stalled: first page (25)': `/v1/monitoring/stalled?limit=${PAGE}`,
      [`stalled: page ${DEEP} through the cursor`]: `/v1/monitoring/stalled?limit=${PAGE}${cursor ? `&cursor=${cursor}` : ''}`,
      'stalled: stage verification': `/v1/monitoring/stalled?limit=${PAGE}&stage=verification`,
      'stalled: agency holding the step (mm-dsw)': `/v1/monitoring/stalled?limit=${PAGE}&agencyId=mm-dsw`,
      'stalled: one corridor (TH-MM)': `/v1/monitoring/stalled?limit=${PAGE}&corridor=TH-MM`,
      'flow: per stage, corridors combined': '/v1/statistics/flow?combined=true',
      'flow: per stage and corridor': '/v1/statistics/flow',
      'flow: trend, 12 months': '/v1/statistics/flow/trend?months=12',
      [`summary: ${year - 1}`]: `/v1/statistics/summary?from=${year - 1}-01-01&to=${year - 1}-12-31`,
    };
    const flow: any = (await get('/v1/statistics/flow?combined=true')).json();
    const trend: any = (await get('/v1/statistics/flow/trend?months=12')).json();
    const result: D1Result = {
      iterations: options.iterations,
      figures: Object.fromEntries(Object.keys(requests).map((label) => [label, { p50: [], p99: [] }])),
      shape: {
        stalledOverdue: first.stallPoints.reduce((sum: number, p: any) => sum + p.overdue, 0),
        stalledPageSize: first.items.length,
        deepPage: cursor ? DEEP : 1,
        flowRows: flow.items.length,
        trendMonths: trend.items.length,
      },
    };
    for (let i = 0; i < 3; i++) for (const url of Object.values(requests)) await get(url);
    for (let run = 1; run <= options.runs; run++) {
      const samples: Record<string, number[]> = Object.fromEntries(Object.keys(requests).map((label) => [label, []]));
      for (let i = 0; i < options.iterations; i++) {
        for (const [label, url] of Object.entries(requests)) {
          const start = performance.now();
          await get(url);
          samples[label]!.push(performance.now() - start);
        }
      }
      for (const [label, values] of Object.entries(samples)) {
        result.figures[label]!.p50.push(percentile(values, 50));
        result.figures[label]!.p99.push(percentile(values, 99));
      }
      options.log(
        `D1 run ${run}: ${Object.entries(result.figures)
          .map(([label, f]) => `${label.split(':')[0]} ${f.p50.at(-1)!.toFixed(1)}`)
          .join(', ')} ms (p50)`,
      );
    }
    return result;
  } finally {
    await app.close();
  }
}
