/**
 * `npm run cluster [-- --workers N --apis M]`: the full Temporal server, N workers and M API
 * instances on fixed ports (defaults: Temporal 7700+, metrics 9700+, APIs 3700+), with the
 * configuration `npm run setup` wrote. Stops everything it started on SIGINT/SIGTERM.
 */
import { join } from 'node:path';
import { Command } from 'commander';
import { DATA_DIR, loadConfig } from '../platform/config.js';
import { startCluster } from './cluster.js';

const options = new Command('cluster')
  .option('--workers <n>', 'case workers', '2')
  .option('--apis <n>', 'API instances', '2')
  .option('--shards <n>', 'history shards (fixed once the database is set up)', '4')
  .option('--temporal-database <name>', "Temporal's database (visibility: <name>_visibility)", 'homeward_temporal')
  .option('--temporal-port-base <port>', 'frontend gRPC; history +10, matching +20, worker +30', '7700')
  .option('--metrics-port-base <port>', 'Temporal services +0..3, workers +10.., their SDK metrics +20..', '9700')
  .option('--api-port-base <port>', 'API instances', '3700')
  .parse()
  .opts<Record<string, string>>();

const config = loadConfig();
const cluster = await startCluster({
  dir: join(DATA_DIR, 'cluster'),
  postgres: new URL(config.databaseUrl),
  temporalDatabase: options.temporalDatabase!,
  homewardEnv: {},
  workers: Number(options.workers),
  apis: Number(options.apis),
  historyShards: Number(options.shards),
  ports: {
    temporalBase: Number(options.temporalPortBase),
    metricsBase: Number(options.metricsPortBase),
    apiBase: Number(options.apiPortBase),
  },
});
process.stdout.write(
  `\n${cluster.describe()}\n\nToken: npm run -s token -- --user u-1 --agency th-dsdhs-bangkok --role caseworker\nCtrl-C stops everything.\n`,
);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  process.stdout.write('stopping the cluster\n');
  await cluster.stop();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
