/**
 * One logger for the API and the worker. Personal data must never reach a log line: fields that
 * could carry it are redacted wherever they appear, as a net under the rule that code does not
 * log them in the first place.
 */
import { pino, type DestinationStream, type Logger } from 'pino';

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
  // The same fields at the top level and two levels down, and whole bodies and vault records:
  // pino's wildcards match one level only.
  'fullName',
  'otherNames',
  'dateOfBirth',
  'familyContacts',
  'notes',
  'placeOfOrigin',
  'details',
  '*.details',
  '*.*.details',
  '*.*.fullName',
  '*.*.dateOfBirth',
  '*.*.notes',
  'req.body',
  'res.body',
  '*.sealed',
  '*.wrappedKey',
  '*.dataKey',
];

/** `destination` defaults to stdout; tests pass a stream to read what was logged. */
export function createLogger(level = 'info', name = 'homeward', destination?: DestinationStream): Logger {
  return pino({ name, level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination);
}

export type { Logger };
