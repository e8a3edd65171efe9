/**
 * Helpers for the personal-data tests: a seeded person whose every value is unique to the run, and
 * the places those values must never appear in (database rows, Temporal history bytes, logs).
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Payload, PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';
import { sql } from 'kysely';
import type { Db } from '../../store/db.js';
import type { PersonDetails } from '../../store/persons.js';
import { caseWorkflowId } from '../../workflows/repatriation/messages.js';

/** A person whose name, birth date and note appear nowhere else: any sighting is a leak. */
export type SeededPerson = PersonDetails & { fullName: string; dateOfBirth: string; notes: string };

export function seededPerson(): SeededPerson {
  const tag = randomBytes(5).toString('hex');
  // Before 2011: case dates in fixtures are all later, so the date cannot match by coincidence.
  const dateOfBirth = `${randomInt(1961, 2011)}-${String(randomInt(1, 13)).padStart(2, '0')}-${String(randomInt(1, 29)).padStart(2, '0')}`;
  return {
    fullName: `Naw Htoo Paw ${tag}`,
    otherNames: [`Mi Mi ${tag}`],
    dateOfBirth,
    placeOfOrigin: `Hpa-an village ${tag}`,
    familyContacts: [`mother Daw Khin ${tag} +95 9 ${randomInt(1e6, 1e7)}`],
    notes: `Scar on left wrist; broker known as Ko Zaw ${tag}; afraid to go home`,
  };
}

export function intakeFor(person: SeededPerson, ageGroup: 'adult' | 'child' = 'adult') {
  return { hostCountry: 'TH', originCountry: 'MM', person: { sex: 'female', ageGroup, details: person } };
}

/** Every value of the person a leak could carry, as strings to search for. */
export function secretsOf(person: PersonDetails): string[] {
  return [
    person.fullName,
    person.dateOfBirth,
    person.notes,
    person.placeOfOrigin,
    ...(person.otherNames ?? []),
    ...(person.familyContacts ?? []),
  ].filter((v): v is string => !!v);
}

/**
 * The secrets found in `haystack`: as UTF-8, as hex (how Postgres shows bytea) and as base64 at
 * each of the three alignments (how JSON carries bytes).
 */
export function leakedSecrets(haystack: Buffer | string, secrets: string[]): string[] {
  const bytes = typeof haystack === 'string' ? Buffer.from(haystack, 'utf8') : haystack;
  const text = bytes.toString('latin1');
  return secrets.filter((secret) => {
    const plain = Buffer.from(secret, 'utf8');
    const forms = [plain.toString('latin1'), plain.toString('hex')];
    for (let shift = 0; shift < 3; shift++) {
      const b64 = Buffer.concat([Buffer.alloc(shift), plain]).toString('base64');
      // Drop the characters that depend on the unknown neighbouring bytes.
      forms.push(b64.slice(shift === 0 ? 0 : shift + 1, -4));
    }
    return forms.some((form) => form.length >= 6 && text.includes(form));
  });
}

/** Every row of every table of the database, as Postgres renders it (jsonb as text, bytea as hex). */
export async function dumpDatabase(db: Db): Promise<{ tables: string[]; text: string }> {
  const tables = (
    await sql<{ table_name: string }>`
      select table_name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db)
  ).rows.map((r) => r.table_name);
  const parts: string[] = [];
  for (const table of tables) {
    const rows = await sql<{ row: string }>`select t::text as row from ${sql.table(table)} t`.execute(db);
    parts.push(...rows.rows.map((r) => r.row));
  }
  return { tables, text: parts.join('\n') };
}

type History = ReturnType<typeof proto.temporal.api.history.v1.History.create>;

/** A case's Temporal history as the server sends it, and its exact protobuf bytes. */
export async function rawHistory(client: Client, caseId: string): Promise<{ history: History; bytes: Buffer }> {
  const events: History['events'] = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await client.workflowService.getWorkflowExecutionHistory({
      namespace: client.options.namespace,
      execution: { workflowId: caseWorkflowId(caseId) },
      nextPageToken,
    });
    events.push(...(page.history?.events ?? []));
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  const history = proto.temporal.api.history.v1.History.create({ events });
  return { history, bytes: Buffer.from(proto.temporal.api.history.v1.History.encode(history).finish()) };
}

/** Every payload in a history (inputs, results, failure attributes...), with where it was found. */
export function payloadsIn(value: unknown, path = ''): { path: string; payload: Payload }[] {
  if (!value || typeof value !== 'object' || ArrayBuffer.isView(value)) return [];
  const record = value as Record<string, unknown>;
  if (record.metadata && typeof record.metadata === 'object' && 'data' in record && (record.metadata as Record<string, unknown>).encoding) {
    return [{ path, payload: record as Payload }];
  }
  return Object.entries(record).flatMap(([key, child]) => payloadsIn(child, path ? `${path}.${key}` : key));
}

/** What authorised staff see through the codec: every payload of the history, decoded, as text. */
export async function decodedPayloadText(codec: PayloadCodec, history: History): Promise<string> {
  const decoded = await codec.decode(payloadsIn(history).map((p) => p.payload));
  return decoded.map((p) => Buffer.from(p.data ?? new Uint8Array()).toString('utf8')).join('\n');
}
