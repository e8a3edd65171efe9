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

/** Query parameters that carry one-time credentials (single sign-on's authorization code and state, links' tokens). */
const SECRET_QUERY_PARAMETERS = new Set(['code', 'state', 'token', 'id_token', 'access_token', 'session_state']);

/** A request URL fit for a log line: the values of credential-carrying query parameters replaced. */
export function urlForLog(url: string): string {
  const query = url.indexOf('?');
  if (query < 0) return url;
  const params = new URLSearchParams(url.slice(query + 1));
  for (const key of new Set(params.keys())) if (SECRET_QUERY_PARAMETERS.has(key.toLowerCase())) params.set(key, '[redacted]');
  return `${url.slice(0, query)}?${params}`;
}

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/** Fastify's own request serializer, with the URL passed through `urlForLog`. */
const req = (request: LoggedRequest) => ({
  method: request.method,
  url: request.url === undefined ? undefined : urlForLog(request.url),
  host: request.host,
  remoteAddress: request.ip,
  remotePort: request.socket?.remotePort,
});

/** `destination` defaults to stdout; tests pass a stream to read what was logged. */
export function createLogger(level = 'info', name = 'homeward', destination?: DestinationStream): Logger {
  return pino({ name, level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, serializers: { req } }, destination);
}

export type { Logger };
