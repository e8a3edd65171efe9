/**
 * One logger for the API and the worker. Personal data must never reach a log line: fields that
 * could carry it are redacted wherever they appear, as a net under the rule that code does not
 * log them in the first place.
 */
import { pino, type Logger } from 'pino';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  '*.person',
  '*.fullName',
  '*.otherNames',
  '*.dateOfBirth',
  '*.familyContacts',
  '*.notes',
  '*.placeOfOrigin',
];

export function createLogger(level = 'info', name = 'homeward'): Logger {
  return pino({ name, level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
}

export type { Logger };
