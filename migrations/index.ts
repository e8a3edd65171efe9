import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as eventStore from './0001_event_store.js';
import * as personVaultEncryption from './0002_person_vault_encryption.js';
import * as deadlinesAndOutbox from './0003_deadlines_and_outbox.js';
import * as agenciesTasksAudit from './0005_agencies_tasks_audit.js';
import * as rowLevelSecurity from './0006_row_level_security.js';
import * as handoverBatches from './0004_handover_batches.js';
import * as caseListByCountry from './0007_case_list_by_country.js';
import * as appendFunction from './0008_append_function.js';
import * as eventsWithoutStreamForeignKey from './0009_events_without_stream_foreign_key.js';
import * as eventsLighterIndexes from './0010_events_lighter_indexes.js';
import * as appendEventsAsOneDocument from './0011_append_events_as_one_document.js';
import * as accounts from './0012_accounts.js';
import * as personMatchKeys from './0013_person_match_keys.js';
import * as sealedTotpSecrets from './0014_sealed_totp_secrets.js';
import * as appendRefusesARecordedCommand from './0015_append_refuses_a_recorded_command.js';
import * as stageVisits from './0017_stage_visits.js';

/**
 * Migrations in order. Listed statically so they bundle and type-check like any other module.
 * Unordered migrations are allowed because branches land in any order; each must stand alone.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001_event_store': eventStore,
  '0002_person_vault_encryption': personVaultEncryption,
  '0003_deadlines_and_outbox': deadlinesAndOutbox,
  '0005_agencies_tasks_audit': agenciesTasksAudit,
  '0006_row_level_security': rowLevelSecurity,
  '0004_handover_batches': handoverBatches,
  '0007_case_list_by_country': caseListByCountry,
  '0008_append_function': appendFunction,
  '0009_events_without_stream_foreign_key': eventsWithoutStreamForeignKey,
  '0010_events_lighter_indexes': eventsLighterIndexes,
  '0011_append_events_as_one_document': appendEventsAsOneDocument,
  '0012_accounts': accounts,
  '0013_person_match_keys': personMatchKeys,
  '0014_sealed_totp_secrets': sealedTotpSecrets,
  '0015_append_refuses_a_recorded_command': appendRefusesARecordedCommand,
  '0017_stage_visits': stageVisits,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await new Migrator({ db, provider, allowUnorderedMigrations: true }).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
