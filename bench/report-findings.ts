/**
 * One section of BENCHMARKS.md per benchmark (P1's is report-p1.ts): its summary rows and its text.
 * The explanations of what limits a figure were found by profiling (see each section); the numbers
 * are this run's.
 */
import type { BenchResults } from './main.js';
import { DIAGNOSTIC_PREFIX } from './p4-queries.js';
import type { Row } from './report.js';
import { fmt, formatRatio, formatSeries, median, ratios } from './stats.js';

export interface Part {
  rows: Row[];
  text: string;
}

export const ok = (value: boolean): Row['verdict'] => (value ? 'met' : 'missed');
export const per = (values: number[], unit: string) => formatSeries(values, unit);

export function explainP2(r: BenchResults): Part | undefined {
  const p = r.p2;
  if (!p) return undefined;
  const f = p.figures;
  const rows: Row[] = [];
  const table: string[] = ['| clients | what | p50 ms | p99 ms | p50 ratio | p99 ratio |', '|---|---|---|---|---|---|'];
  const names = {
    bare: 'no-op update on a bare workflow (baseline)',
    http: 'HTTP action (measured)',
    client: 'diagnostic: same action by the Temporal client, no HTTP',
    append: 'diagnostic: its append transaction alone (no Temporal, no HTTP)',
    bareLocal: 'diagnostic: no-op update that waits for one local activity doing no I/O',
    bareAppend: 'floor: update on a bare workflow that waits for one local activity doing the same append',
  } as const;
  for (const c of [1, 16] as const) {
    const p50 = ratios(f.http[c].p50, f.bare[c].p50);
    const p99 = ratios(f.http[c].p99, f.bare[c].p99);
    rows.push({
      id: 'P2',
      measure: `action round trip, ${c} client${c > 1 ? 's' : ''} (p50 / p99)`,
      result: `${per(f.http[c].p50, 'ms')} / ${per(f.http[c].p99, 'ms')}`,
      baseline: `${per(f.bare[c].p50, 'ms')} / ${per(f.bare[c].p99, 'ms')}`,
      ratio: `${formatRatio(p50)} / ${formatRatio(p99)}`,
      goal: 'p50 <= 1.5x, p99 <= 3x',
      verdict: ok(median(p50) <= 1.5 && median(p99) <= 3),
    });
    for (const name of ['bare', 'http', 'client', 'append', 'bareLocal', 'bareAppend'] as const) {
      if (!f[name] || f[name][c].p50.length === 0) continue;
      table.push(
        `| ${c} | ${names[name]} | ${per(f[name][c].p50, '')} | ${per(f[name][c].p99, '')} | ${formatRatio(ratios(f[name][c].p50, f.bare[c].p50))} | ${formatRatio(ratios(f[name][c].p99, f.bare[c].p99))} |`,
      );
    }
  }
  // The API's own share (issue 16): the HTTP action against the same action sent by the Temporal client, same run.
  const apiShare = (c: 1 | 16) => ratios(f.http[c].p50, f.client[c].p50);
  rows.push({
    id: 'P2',
    measure: "the API's share: HTTP action / the same action by the Temporal client, 1 client (p50)",
    result: per(f.http[1].p50, 'ms'),
    baseline: per(f.client[1].p50, 'ms'),
    ratio: formatRatio(apiShare(1)),
    goal: '<= 1.2x',
    verdict: ok(median(apiShare(1)) <= 1.2),
  });
  const apiShareTable = [
    '| clients | HTTP action p50 ms | same action by the client p50 ms | HTTP / client (p50) | HTTP / client (p99) |',
    '|---|---|---|---|---|',
    ...([1, 16] as const).map(
      (c) =>
        `| ${c} | ${per(f.http[c].p50, '')} | ${per(f.client[c].p50, '')} | ${formatRatio(apiShare(c))} | ${formatRatio(ratios(f.http[c].p99, f.client[c].p99))} |`,
    ),
  ];
  const measuredFloor = f.bareAppend?.[1].p50.length ? ratios(f.bareAppend[1].p50, f.bare[1].p50) : undefined;
  const floorText = measuredFloor
    ? `The floor row is that bound measured: an update on a bare workflow that waits for one local activity doing the same ` +
      `append (no decider, no state, no timers): ${formatRatio(measuredFloor)} of the baseline with 1 client, against the goal's 1.5x. ` +
      `Any design in which the workflow decides and an activity commits the event before the caller is answered (the ` +
      `architecture this project is built on) pays at least that; the client row (${formatRatio(ratios(f.client[1].p50, f.bare[1].p50))}) ` +
      `is Homeward's case workflow on that path, so what the case adds above the floor is the difference of the two rows. `
    : '';
  return {
    rows,
    text: [
      '## P2: caseworker action round trip',
      '',
      `Real HTTP on loopback: \`POST /v1/cases/{id}/actions\` with a bearer token and an Idempotency-Key, through the Fastify app, ` +
        'the Workflow Update, the append (a local activity: event, stream version, `cases` row, tasks, outbox and audit in ' +
        'one transaction) and back. Each client works on a ' +
        `case of its own, alternating place_on_hold and release_hold (one event each); ${p.requests[1]} requests for 1 client and ` +
        `${p.requests[16]} per client for 16, per run, after a warm-up. Baseline: a no-op update on a bare workflow sent by the Temporal client. ` +
        "The app runs with one connection pool as the tables' owner (no `appDb`), so the row-level-security read of the case " +
        '(api/scope.ts) runs without policies here.',
      '',
      ...table,
      '',
      "The API's share of an action, the HTTP action against the same action sent by the Temporal client (ratios per run, then their median; goal of issue 16: at most 1.2x with 1 client):",
      '',
      ...apiShareTable,
      '',
      'How to read the rows: the append row is what Postgres alone costs for one action (the decider, then one ' +
        'transaction of about ten statements that ends in a durable commit); the local-activity row is what waiting for one ' +
        "local activity costs by itself (it runs on the worker's activity side and its result comes back as a second " +
        "activation of the workflow). Neither alone is the floor of an action: the activity's transaction runs in the " +
        "worker process, between the workflow's two activations, on the same two cores. " +
        floorText +
        'HTTP minus client is what the API adds (the bearer check, agency lookup, the row-level-security read of the case, the ' +
        "idempotency claim and record, Fastify, the access audit entry, and the bench's HTTP client in the same process: node:http over kept-alive " +
        'connections, as `fetch` spent about 2.5 ms per request on its own side). Timed per stage on a loopback server ' +
        '(load 2-10), before the cuts of 2026-12-01: the claim of the key, a durable insert waited for after the case read, ' +
        "about 4.5 ms; the case read under the caller's scope, four round trips (begin, set_config, select, commit), about " +
        '2.8 ms; the stored answer about 0.8 ms; the access audit entry, written after the answer, 5-9 ms of Postgres work ' +
        'beside the next request. Now the key is claimed at once, beside the case read (a claim also tells a stored answer, so ' +
        'the separate lookup is gone; a refusal before the workflow gives the claim up), and claim and answer commit without ' +
        'waiting for the disk: a claim lost in a Postgres crash goes with the answer written after it, and a resend then ' +
        'performs under the same update id, which the workflow answers from its first run. The scoped read opens its ' +
        "transaction and sets the scope in one round trip; the answer updates its claim's row instead of an insert that " +
        'conflicts. Kept in memory per API instance, which is safe with several instances: verified development tokens (a ' +
        'signature check: the same answer on every instance until the token expires, and a token cannot be revoked) and ' +
        'agencies for a minute (the registry is seeded configuration, never changed by a request). Not cached: sessions and ' +
        'service tokens, because a sign-out, a disabled account or a revoked token on one instance must end them on every ' +
        "instance at once. The access audit entry and the action's audit row stay durable. What was cut on this " +
        "path: the append is one call of a stored function in a local activity in the update's own workflow task (a regular " +
        "activity added two trips through the server: 8.4x); an action no longer cancels the case's deadline timer and " +
        'starts another (the case keeps one timer and re-arms it only when something falls due sooner: a recorded 20-action ' +
        'case history went from 19 timers started and 17 cancelled to 4 and 2); a verified bearer token is kept until it ' +
        'expires instead of checked again on every request. ' +
        'With 16 clients the 2 cores are saturated (dev server, Postgres, worker and API share them), so every request waits ' +
        'its turn for CPU and the ratios compare queues more than paths.',
      '',
    ].join('\n'),
  };
}

/** CPU per event with one event per append, when the run measured it. */
function p3CpuTable(p: NonNullable<BenchResults['p3']>): string[] {
  const cpu = p.singleCpu;
  if (!cpu) return [];
  const label = { ours: 'store/event-store.ts', raw: 'raw INSERT, bare table', emmett: 'Emmett 0.42' } as const;
  return [
    'CPU per event with one event per append (read from /proc: every Postgres process, and the bench process that sends the appends):',
    '',
    '| store | Postgres, us per event | client, us per event |',
    '|---|---|---|',
    ...(['ours', 'raw', 'emmett'] as const).map(
      (store) => `| ${label[store]} | ${per(cpu[store].postgres, '')} | ${per(cpu[store].client, '')} |`,
    ),
    '',
  ];
}

export function explainP3(r: BenchResults): Part | undefined {
  const p = r.p3;
  if (!p) return undefined;
  const rows: Row[] = [];
  const table = ['| mode | store | events/s | vs raw | vs Emmett |', '|---|---|---|---|---|'];
  for (const mode of ['single', 'batched'] as const) {
    const f = p[mode];
    const vsRaw = ratios(f.ours, f.raw);
    const vsEmmett = ratios(f.ours, f.emmett);
    rows.push({
      id: 'P3',
      measure:
        mode === 'single'
          ? `append, 1 event per append, ${p.writers} writers`
          : `append, ${p.batchSize} events per append, ${p.writers} writers`,
      result: per(f.ours, 'events/s'),
      baseline: `raw ${per(f.raw, '')}; Emmett ${per(f.emmett, '')}`,
      ratio: `${formatRatio(vsRaw)} of raw; ${formatRatio(vsEmmett)} of Emmett`,
      goal: '> 1x Emmett; >= 0.5x raw',
      verdict: ok(median(vsEmmett) > 1 && median(vsRaw) >= 0.5),
    });
    const label = {
      ours: 'store/event-store.ts (measured)',
      raw: 'raw INSERT, bare table (baseline)',
      emmett: 'Emmett 0.42 (baseline)',
    } as const;
    for (const store of ['ours', 'raw', 'emmett'] as const) {
      table.push(
        `| ${mode} | ${label[store]} | ${per(f[store], '')} | ${formatRatio(ratios(f[store], f.raw))} | ${formatRatio(ratios(f[store], f.emmett))} |`,
      );
    }
  }
  return {
    rows,
    text: [
      '## P3: event append throughput',
      '',
      `Each store appends the same realistic case events (from the decider) with ${p.writers} concurrent writers and a pool of 10 ` +
        'connections: one event per append (a new stream every 20 events), and batches of ' +
        `${p.batchSize} events to a new stream. Raw: the same rows as one multi-row INSERT in autocommit into a table with no keys. ` +
        'Emmett: `@event-driven-io/emmett-postgresql` 0.42.0 (a dev dependency; it runs on Node 20: no engines field, and its ' +
        'peer `commander@^12` is satisfied by an npm `overrides` entry pointing it at our commander 14, which it only uses for its ' +
        'CLI), `appendToStream` with an expected version, in the `public` schema of the same database. The event-store append is ' +
        'measured without an inline projection, as Emmett is.',
      '',
      ...table,
      '',
      ...p3CpuTable(p),
      'What it costs: `appendToStream` claims the stream version and inserts the events in ONE call of a stored function ' +
        '(`homeward_append_event_list`, migrations 0008 and 0011: the insert runs only if the claim succeeded), in autocommit ' +
        'when there is no inline projection, and returns only what the database chose (positions, time). What was cut, in ' +
        'order: four round trips (BEGIN, claim, INSERT ... RETURNING *, COMMIT: 0.43x single, 0.38x batched); a statement ' +
        "planned on every append (PL/pgSQL keeps its plans for the session, as Emmett's stored function does); a foreign key " +
        'from each event to its stream, checked with a lookup and a share lock per event for the row the same call had just ' +
        'written (0009); the unique index on event ids, since retries are recognised by the stream positions they claimed, ' +
        'and type + time entries for events no statistic reads by type (0010); and the events travelling as four parallel ' +
        "arrays, each event's JSON escaped into an array literal by the client and unescaped by Postgres before being parsed, " +
        'now one JSON document serialised once and parsed once (0011); and the call itself parsed and planned again on every ' +
        'append, about a third of its Postgres time with one event per append (214 to 166 microseconds per event, 0.45x to 0.61x of raw ' +
        'in runs before and after on this machine), now a named prepared statement planned once per connection ' +
        '(store/db.ts `preparedStatement`; the raw INSERT and Emmett are sent unprepared, as their clients send them). ' +
        'Against raw, what is left is the work an event store ' +
        'must do and a bare table does not, visible in the CPU table: the stream row claimed on every append (an update, ' +
        'kept HOT), a global-position key and a unique stream-position index written and logged before the commit, and the ' +
        'function call; with one event per append those writes and the commit are the cost.',
      '',
    ].join('\n'),
  };
}

export function explainP4(r: BenchResults): Part | undefined {
  const p = r.p4;
  if (!p || !r.seed) return undefined;
  const pk = p.figures.pk!;
  const rows: Row[] = [];
  const table = ['| query | p50 ms | p99 ms | p50 vs primary key |', '|---|---|---|---|'];
  for (const [label, f] of Object.entries(p.figures)) {
    const ratio = ratios(f.p50, pk.p50);
    table.push(
      `| ${label === 'pk' ? 'primary-key lookup of one case (baseline)' : label} | ${per(f.p50, '')} | ${per(f.p99, '')} | ${formatRatio(ratio)} |`,
    );
    if (label === 'pk' || label.startsWith(DIAGNOSTIC_PREFIX)) continue;
    rows.push({
      id: 'P4',
      measure: label,
      result: per(f.p50, 'ms p50'),
      baseline: per(pk.p50, 'ms'),
      ratio: formatRatio(ratio),
      goal: '<= 5x',
      verdict: ok(median(ratio) <= 5),
    });
  }
  return {
    rows,
    text: [
      '## P4: stalled cases and the case list at scale',
      '',
      `On ${r.seed.cases.toLocaleString('en-US')} cases / ${r.seed.events.toLocaleString('en-US')} events in \`homeward_bench.${r.seed.schema}\`, ` +
        'written set-based (generate_series) from two real histories produced by the decider (adult and child, with the ' +
        "corridor's deadline policy); 30% of cases run to closing, the rest stop after 2-22 events, opened over two years, " +
        `so ${p.stalledRows?.toLocaleString('en-US') ?? 'many'} open cases are past a step deadline. Seeded once and reused (bench/seed.ts); ` +
        `the read model is rebuilt by P5 with the current projection before P4 reads it. ${p.iterations} executions of each query per run, ` +
        'one at a time, round-robin. Every list returns a page of 50 rows (the columns GET /v1/cases shows), the baseline one whole row. ' +
        "Queries run as the tables' owner, as store/ does; the API now reads through the app role under row-level security " +
        '(migration 0006, api/scope.ts), which is not in these figures: 0006 pins its helper function to the `public` schema and ' +
        'the bench keeps its data sets in schemas of their own.',
      '',
      ...table,
      '',
      'The lists read only the columns the list route shows (store/case-queries.ts `CASE_SUMMARY_COLUMNS`): when they read ' +
        "whole rows, with the case state and step clock as JSON (about 1.8 KB a row), the newest 50 took 5.10x and a country's " +
        'pages 9.76x of a primary-key lookup. The stalled-case query reads only what it shows, through its partial index on ' +
        'open cases by due date. The country filter (either side of the border) reads two index ranges, host side and ' +
        'origin side, each already newest first (migration 0007), and merges them; the cursor is compared as a row value ' +
        '`(opened_at, case_id) < ($1, $2)`, an index bound. Before, the filter walked the newest-first index dropping other ' +
        "countries' rows, and the cursor was an OR of the two columns that Postgres can only filter with, so deeper pages cost more.",
      '',
      'Plan of the case list filtered by country, host side (the origin side is the same on its own index):',
      '',
      '```',
      p.plans['list: country'] ?? '',
      '```',
      '',
      'Plan of the diagnostic stalled-style query (no index on last_progress_at: it sorts the open cases of the country):',
      '',
      '```',
      p.plans['stalled-style'] ?? '',
      '```',
      '',
    ].join('\n'),
  };
}

export function explainP5(r: BenchResults): Part | undefined {
  const p = r.p5;
  if (!p) return undefined;
  return {
    rows: [
      {
        id: 'P5',
        measure: `projection rebuild (${p.events.toLocaleString('en-US')} events, ${p.cases.toLocaleString('en-US')} cases)`,
        result: per(p.rebuildRate, 'events/s'),
        baseline: '-',
        ratio: '-',
        goal: '>= 50,000 events/s',
        verdict: ok(median(p.rebuildRate) >= 50_000),
      },
    ],
    text: [
      '## P5: projection rebuild',
      '',
      `\`rebuildProjections\` over the seeded events: ${per(p.rebuildRate, 'events/s')}; reading the same pages alone ` +
        `(the rebuild's query and columns, rows parsed, nothing folded or written): ${per(p.readRate, 'events/s')}.`,
      '',
      'How it rebuilds (store/projections/index.ts and rebuild-*.ts): it takes `cases`, `tasks` and `case_parties` in ACCESS ' +
        'EXCLUSIVE mode, empties them with TRUNCATE and drops their indexes, primary keys and unique constraints (definitions ' +
        'read from the catalog, so the migrations stay the one place that defines them), loads the rows with COPY on the ' +
        "transaction's connection, and builds the indexes again, one sort each. Readers wait for the commit instead of seeing " +
        "the old rows. Maintained row by row, the tasks' primary key on random UUIDs alone cost Postgres about 0.5 s per " +
        '125,000 rows; multi-row INSERTs and one JSON parameter per batch were both slower than COPY.',
      '',
      'The victim cases are folded by worker threads, one per core (at most 4), each over its own range of stream ids ' +
        '(`percentile_disc` over `streams`): each reads its streams on a connection of its own, folds them with the same ' +
        'functions as the inline projection, writes COPY text and hands it to the main thread, which only loads it on the ' +
        "rebuild's connection (rebuild-workers.ts, rebuild-worker.ts). A case's events are still folded in stream order by one " +
        'thread, so the rows are the same: on this data set the rebuilt `cases`, `tasks` and `case_parties` hash equal to the ' +
        "previous single-thread rebuild's, and the integration tests compare a rebuild with the live projection. Before, one " +
        'Node thread folding at about 23 us of CPU per event held the rebuild to about 35,000-43,000 events/s on an idle ' +
        'machine while Postgres used about 16 us per event on the other core.',
      '',
      'CPU per event cut, measured on the 2,040,014 events (process CPU of the rebuild, all threads; Postgres from /proc): ' +
        'Node from 23-24 us to 14-15 us, the Postgres backend that loads from 16 us to 7 us plus about 6 us in the readers. ' +
        "Where from: the domain's `evolve` copied the state with object spreads (`{ ...state, version }`, then the facts again), " +
        'which V8 does some ten times slower than an object literal listing the fields (domain/repatriation/state.ts ' +
        '`copyState`/`copyFacts`; evolve now sets the changes on its own fresh copy): 1-2 us down to 0.2-0.3 us per event. ' +
        '`toISOString` costs about 1 us in V8 and ran several times per event (recorded time for the step clock, due and ' +
        'escalation times, COPY dates): domain/shared/iso-time.ts writes the same text in about 0.3 us (property-tested ' +
        "against toISOString). The step clock's step no longer copies the state to drop the hold, and the first open gate is " +
        'found without building the list. Rows are read as arrays with a positional timestamptz parser that does ' +
        "postgres-date's arithmetic without its three regular expressions (about 1 us per event). Pages are whole streams: the " +
        'next 1,000 streams from the streams key, their events by a lateral index scan; the old join of events in key order ' +
        "re-read the streams index from the start on every page and cost Postgres a fifth more. JIT is off for the rebuild's " +
        'reads (each page compiled its plan for some 10 ms). The workers get a 96 MB young generation: with the default, ' +
        'scavenges took about a third of the fold.',
      '',
      'With the workers on both cores the machine is CPU-bound (about 1.97 of 2 cores busy during a rebuild, another ' +
        "session's tests included), so the rate moves with what else runs; on one thread the same code does about " +
        '38,000-40,000 events/s beside that load.',
      '',
    ].join('\n'),
  };
}

export function explainP6(r: BenchResults): Part | undefined {
  const p = r.p6;
  if (!p || p.length === 0) return undefined;
  const shipped = p[0]!;
  const cases = shipped.cases;
  return {
    rows: [
      {
        id: 'P6',
        measure: `worker RSS with ${fmt(cases)} open cases (worker/main.ts as deployed)`,
        result: `${fmt(shipped.rssMiB)} MiB (peak ${fmt(shipped.peakRssMiB)})`,
        baseline: '-',
        ratio: '-',
        goal: '<= 1 GiB',
        verdict: ok(shipped.rssMiB <= 1024),
      },
    ],
    text: [
      '## P6: worker memory',
      '',
      "Each variant is a fresh worker process on its own task queue; the cases are opened through the API's open path and " +
        'stay open (waiting for their next action, step timers running); then VmRSS and VmHWM (peak) are read from ' +
        "/proc/<pid>/status. One measurement per variant: opening the cases is most of the bench's time.",
      '',
      '| worker | open cases | RSS idle MiB | RSS with the cases MiB | peak MiB | cases opened/s |',
      '|---|---|---|---|---|---|',
      ...p.map(
        (v) => `| ${v.label} | ${fmt(v.cases)} | ${fmt(v.idleRssMiB)} | ${fmt(v.rssMiB)} | ${fmt(v.peakRssMiB)} | ${fmt(v.openRate)} |`,
      ),
      '',
      "What the memory is (measured while tuning, 600-1,500 cases each; not rerun by `npm run bench`): the main thread's V8 " +
        'heap stays near 100 MiB; the rest is the workflow thread, where every cached workflow evaluates its own copy of the ' +
        "bundle's modules, except those the worker shares. The bundle carried TypeBox (the request schemas, re-exported by the domain modules the workflows " +
        "import), more than half of its 4 MB and of each cached case's 1.5 MiB; the domain entry points now leave the " +
        'schemas out, and the bundle is 2.1 MB. The domain modules (pure: functions and constant data) are now evaluated once ' +
        "per worker and shared by every workflow (the bundler's `preloadModules`, worker/shared-workflow-modules.ts): with " +
        '1,000 open cases (quick runs, two each) the worker grew by 127-134 MiB over idle with them shared and 141-163 MiB ' +
        'without. worker/create-worker.ts caps the cache at 250 workflows (evicted cases replay ' +
        "their short history on their next action): with the SDK's default, sized from the heap limit, memory grew with " +
        'every case opened (1,087 MiB at 1,000 cases). Before the bundle lost TypeBox, the full run of 2026-11-23 measured ' +
        '661 MiB (peak 1,001) here. A heap limit (NODE_OPTIONS=--max-old-space-size) and a prebuilt bundle ' +
        '(HOMEWARD_WORKFLOW_BUNDLE; bundling in the worker costs about 200 MiB of RSS that is never returned) lower it further.',
      '',
    ].join('\n'),
  };
}
