/**
 * Measurements behind choices in the production code, kept here (and written into BENCHMARKS.md by
 * every run) rather than narrated in the code's comments: the code says why, this says how much.
 */
export const DESIGN_NOTES = `## Design notes: what was measured behind the code

Measured on this machine while the code was tuned (not rerun by \`npm run bench\`; the sections above hold this run's figures).

- **Projection rebuild** (P5): JIT is off for the rebuild's page reads (store/projections/index.ts): each page compiled its plan for some 10 ms and gained nothing. Pages are handed to the fold in slices, turning the event loop between them (store/projections/rebuild-read.ts), so COPY data goes out and the next page comes in while this process folds: 1.1-1.25x the rate of folding whole pages. \`isoTime\` (domain/shared/iso-time.ts) writes toISOString's text in about a quarter of its time (toISOString costs about 1 us a call in V8's C++ runtime, several times per event). The state copies of domain/repatriation/state.ts list their fields because V8 builds an object literal some ten times faster than it spreads one.
- **Opening a case** (P1): the cases projection reads no existing row for a stream that starts with the events it is given, one round trip less per opening (store/projections/cases.ts). The corridor's deadline policy travels with the opening update instead of being looked up by an activity (workflows/repatriation/messages.ts), and a case's code paths are in its input instead of patch markers, which cost two history events and a search-attribute upsert each. Modules evaluated in the workflow sandbox build no lookup tables at load (domain/shared/iso-time.ts pads by comparison): the sandbox evaluates them afresh for each workflow it starts, unless shared (worker/shared-workflow-modules.ts, also P6).
- **Event append** (P3): the append is a named prepared statement (store/db.ts \`preparedStatement\`): planning the same text again was about a third of its Postgres time with one event per append.
- **Case lists** (P4): a list reads the summary columns only (store/case-queries.ts \`CASE_SUMMARY_COLUMNS\`): the state document is most of a row's bytes.
- **Worker memory** (P6): each cached case workflow cost about 1.5 MiB in the workflow thread before the bundle lost TypeBox; the SDK's default cache size comes from the heap limit (about 2,300 workflows with Node's 4 GiB default here), which would let 10,000 open cases take several GiB, hence worker/create-worker.ts's \`DEFAULT_MAX_CACHED_WORKFLOWS\`.
`;
