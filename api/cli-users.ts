/**
 * `homeward user add|disable|enable|reset-password|unlock|list`: accounts from the command line,
 * for the first admin and for operators. No password is ever typed on a command line (shell
 * histories keep them): `add` and `reset-password` print a one-time link to set it.
 */
import { type Command, Option } from 'commander';
import type { Actor } from '../domain/shared/actor.js';
import { loadConfig } from '../platform/config.js';
import { accountsDb } from '../store/accounts-schema.js';
import { findUserByUsername, listUsers, userView } from '../store/accounts.js';
import { createDb, type Db } from '../store/db.js';
import { HttpProblem } from './problem.js';
import { ROLES } from './auth.js';
import { createAccountRecord, resetLink, setStatus, unlock } from './accounts/users.js';

/** Who the audit log names for what an operator does here. */
const operator = (agencyId: string): Actor => ({ userId: 'operator-cli', agencyId, role: 'operator' });

async function withDb(work: (db: Db, config: ReturnType<typeof loadConfig>) => Promise<void>): Promise<void> {
  const config = loadConfig();
  const db = createDb(config.databaseUrl);
  try {
    await work(db, config);
  } catch (error) {
    if (!(error instanceof HttpProblem)) throw error;
    process.stderr.write(`${error.problem.detail}\n`);
    process.exitCode = 1;
  } finally {
    await db.destroy();
  }
}

async function accountNamed(db: Db, username: string) {
  const user = await findUserByUsername(accountsDb(db), username);
  if (!user) throw new HttpProblem({ type: 'not-found', title: 'Not found', status: 404, detail: `no account ${username}` });
  return user;
}

export function addUserCommands(program: Command): void {
  const user = program.command('user').description('Manage people’s accounts (the first admin, operators)');

  user
    .command('add')
    .description('Add an account; prints a one-time link to set its password')
    .requiredOption('--username <name>', 'sign-in name')
    .requiredOption('--agency <id>', 'agency id from the registry, e.g. th-dsdhs-bangkok')
    .addOption(new Option('--role <role>', 'role').choices(ROLES).default('caseworker'))
    .option('--name <displayName>', 'display name (default: the username)')
    .option('--language <tag>', 'preferred language, e.g. th, vi, km', 'en')
    .action(async (options: { username: string; agency: string; role: string; name?: string; language: string }) =>
      withDb(async (db, config) => {
        const created = await createAccountRecord(
          db,
          config.accounts,
          {
            username: options.username,
            displayName: options.name,
            agencyId: options.agency,
            role: options.role,
            language: options.language,
          },
          operator(options.agency),
        );
        process.stdout.write(
          `added ${created.user.username} (${created.user.role}, ${created.user.agencyId}), id ${created.user.userId}\n` +
            `set the password (once, before ${created.expiresAt}): ${created.resetUrl}\n`,
        );
      }),
    );

  for (const [name, status] of [
    ['disable', 'disabled'],
    ['enable', 'active'],
  ] as const) {
    user
      .command(name)
      .description(name === 'disable' ? 'Disable an account: its sessions end at once' : 'Enable a disabled account')
      .argument('<username>')
      .action(async (username: string) =>
        withDb(async (db) => {
          const account = await accountNamed(db, username);
          const view = await setStatus(db, operator(account.agency_id), account, status);
          process.stdout.write(`${view.username}: ${view.status}\n`);
        }),
      );
  }

  user
    .command('reset-password')
    .description('Print a one-time link that sets a new password (and unlocks the account when used)')
    .argument('<username>')
    .action(async (username: string) =>
      withDb(async (db, config) => {
        const account = await accountNamed(db, username);
        const link = await resetLink(db, config.accounts, operator(account.agency_id), account);
        process.stdout.write(`set the password (once, before ${link.expiresAt}): ${link.resetUrl}\n`);
      }),
    );

  user
    .command('unlock')
    .description('Unlock an account locked by failed sign-ins')
    .argument('<username>')
    .action(async (username: string) =>
      withDb(async (db) => {
        const account = await accountNamed(db, username);
        await unlock(db, operator(account.agency_id), account);
        process.stdout.write(`${account.username}: unlocked\n`);
      }),
    );

  user
    .command('list')
    .description('List accounts (of one agency with --agency)')
    .option('--agency <id>', 'only this agency')
    .action(async (options: { agency?: string }) =>
      withDb(async (db) => {
        for (const row of await listUsers(accountsDb(db), options.agency)) {
          const view = userView(row);
          process.stdout.write(
            `${view.username}\t${view.agencyId}\t${view.role}\t${view.status}\t2fa:${view.secondFactorEnrolled ? 'yes' : 'no'}\tlast seen ${view.lastSeenAt ?? 'never'}\n`,
          );
        }
      }),
    );
}

/** What `npm start` prints while no account exists: how to make the first admin. */
export async function firstRunLines(db: Db): Promise<string[]> {
  const any = await accountsDb(db).selectFrom('users').select('user_id').limit(1).executeTakeFirst();
  if (any) return [];
  return [
    'No accounts yet  create the first admin (prints a one-time link to set the password):',
    '                 npx tsx api/cli.ts user add --username admin --agency th-dsdhs-bangkok --role admin --name "First Admin"',
  ];
}
