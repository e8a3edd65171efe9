/**
 * The chaos run's OWN Postgres 15 cluster (data/chaos/{full,short}/pg, its own port): the nemesis crash-stops
 * and restarts it freely, which it must never do to the machine's shared cluster. Initialised once
 * as the postgres user (Postgres refuses to run as root), trust authentication on loopback only.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, chownSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';

const BIN = '/usr/lib/postgresql/15/bin';

export interface ChaosPostgres {
  port: number;
  /** postgres:// URL of `database` as `user`, straight to the server (not through the proxy). */
  url(user: string, database: string): string;
  /** psql as the superuser, one statement. */
  admin(sql: string, database?: string): string;
  start(): void;
  /** Immediate stop: no checkpoint, like a crash; the next start recovers from the WAL. */
  crashStop(): void;
  /** A clean restart: fast shutdown (checkpoint), then start. */
  restart(): void;
  stop(): void;
  isRunning(): boolean;
  postmasterPid(): number | undefined;
}

const asPostgres = (command: string, args: string[], options: { quiet?: boolean } = {}): string => {
  const run = userInfo().uid === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  return execFileSync(run[0] as string, run[1] as string[], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', options.quiet ? 'ignore' : 'pipe'],
  });
};

export function chaosPostgres(root: string, port: number): ChaosPostgres {
  const dataDir = join(root, 'pg');
  const socketDir = join(root, 'pg-socket');
  const logFile = join(root, 'pg.log');
  const pgCtl = (...args: string[]) => asPostgres(`${BIN}/pg_ctl`, ['-D', dataDir, '-l', logFile, ...args]);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    mkdirSync(root, { recursive: true });
    for (const dir of [dataDir, socketDir]) mkdirSync(dir, { recursive: true });
    writeFileSync(logFile, '');
    if (userInfo().uid === 0) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      for (const path of [root, dataDir, socketDir, logFile]) chownSync(path, uid, gid);
    }
    asPostgres(`${BIN}/initdb`, ['-D', dataDir, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--no-sync'], { quiet: true });
    // Small and loopback-only: the machine is shared.
    const conf = [
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${socketDir}'`,
      'shared_buffers = 32MB',
      'max_connections = 60',
      "log_min_messages = 'warning'",
    ].join('\n');
    asPostgres('sh', ['-c', `printf '%s\\n' "${conf.replace(/"/g, '\\"')}" >> ${dataDir}/postgresql.conf`]);
  }
  const cluster: ChaosPostgres = {
    port,
    url: (user, database) => `postgres://${user}@127.0.0.1:${port}/${database}`,
    admin: (sql, database = 'postgres') =>
      asPostgres(`${BIN}/psql`, [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        'postgres',
        '-d',
        database,
        '-v',
        'ON_ERROR_STOP=1',
        '-qtA',
        '-c',
        sql,
      ]),
    start: () => void pgCtl('start', '-w', '-t', '60'),
    crashStop: () => void pgCtl('stop', '-m', 'immediate', '-w'),
    restart: () => void pgCtl('restart', '-m', 'fast', '-w', '-t', '60'),
    stop: () => {
      if (cluster.isRunning()) pgCtl('stop', '-m', 'fast', '-w');
    },
    isRunning: () => {
      try {
        pgCtl('status');
        return true;
      } catch {
        return false;
      }
    },
    postmasterPid: () => {
      try {
        const pid = asPostgres('head', ['-1', join(dataDir, 'postmaster.pid')]).trim();
        return pid ? Number(pid) : undefined;
      } catch {
        return undefined;
      }
    },
  };
  return cluster;
}

/** A fresh database for one run, with the roles `npm run setup` makes (no superuser, no BYPASSRLS). */
export function freshDatabase(pg: ChaosPostgres, database: string): { owner: string; app: string } {
  pg.admin(`DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'homeward') THEN CREATE ROLE homeward LOGIN NOSUPERUSER NOBYPASSRLS; END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'homeward_app') THEN CREATE ROLE homeward_app LOGIN NOSUPERUSER NOBYPASSRLS; END IF;
  END $$`);
  pg.admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  pg.admin(`CREATE DATABASE ${database} OWNER homeward`);
  return { owner: pg.url('homeward', database), app: pg.url('homeward_app', database) };
}
