/**
 * The remote codec endpoint for the Temporal UI and CLI (`temporal workflow show --codec-endpoint
 * <api>/codec --codec-auth "Bearer <token>"`): decodes and encodes payloads with Homeward's payload
 * keys, so authorised staff can read encrypted histories without holding the keys. It lives outside
 * /v1 because browsers send the CORS preflight without credentials; every POST still needs a token.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Payload } from '@temporalio/common';
import { Type } from 'typebox';
import { IntegrityError } from '../../platform/crypto/aead.js';
import { UnknownKeyId } from '../../platform/crypto/key-ring.js';
import { authenticateRequest } from '../accounts/authenticate.js';
import type { Role } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { HttpProblem, problemResponses, problems } from '../problem.js';

/** Who may read decoded histories. Histories hold no personal data, but they do hold case facts. */
export const CODEC_ROLES: readonly Role[] = ['admin', 'auditor', 'coordinator'];

/** Where the Temporal UI of a development server runs (`npm start`). */
export const DEV_UI_ORIGINS = ['http://127.0.0.1:8233', 'http://localhost:8233'];

const JsonPayload = Type.Object(
  {
    metadata: Type.Optional(Type.Record(Type.String(), Type.String({ contentEncoding: 'base64' }))),
    data: Type.Optional(Type.String({ contentEncoding: 'base64' })),
  },
  { additionalProperties: false },
);
const Payloads = Type.Object({ payloads: Type.Array(JsonPayload, { maxItems: 10_000 }) }, { additionalProperties: false });
type JsonPayload = { metadata?: Record<string, string>; data?: string };

const errors = problemResponses(400, 401, 403);

export interface CodecRouteOptions {
  /** Browser origins allowed to call the endpoint (the Temporal UI). */
  allowedOrigins?: string[];
}

export const codecRoutes =
  (deps: AppDeps, options: CodecRouteOptions = {}): FastifyPluginAsyncTypebox =>
  async (app) => {
    const allowedOrigins = new Set(options.allowedOrigins ?? DEV_UI_ORIGINS);

    app.addHook('onRequest', async (request, reply) => {
      const origin = request.headers.origin;
      if (origin && allowedOrigins.has(origin)) {
        reply.header('access-control-allow-origin', origin).header('access-control-allow-credentials', 'true').header('vary', 'origin');
      }
      if (request.method === 'OPTIONS') return;
      // The same authentication as every /v1 route (registered agency included).
      await authenticateRequest(deps, request);
      const actor = request.actor;
      if (!CODEC_ROLES.includes(actor.role as Role)) {
        throw new HttpProblem({
          type: 'https://homeward.dev/problems/forbidden',
          title: 'Not allowed',
          status: 403,
          detail: `Reading Temporal payloads needs one of the roles ${CODEC_ROLES.join(', ')}; this token has the role ${actor.role}.`,
        });
      }
    });

    for (const direction of ['decode', 'encode'] as const) {
      app.options(`/${direction}`, { schema: { hide: true } }, async (_request, reply) =>
        reply
          .status(204)
          .header('access-control-allow-methods', 'POST, OPTIONS')
          .header('access-control-allow-headers', 'authorization, content-type, x-namespace')
          .header('access-control-max-age', '600')
          .send(),
      );
      app.post(
        `/${direction}`,
        {
          schema: {
            summary: `${direction === 'decode' ? 'Decode' : 'Encode'} Temporal payloads (remote codec for the Temporal UI and CLI)`,
            tags: ['temporal'],
            body: Payloads,
            response: { 200: Payloads, ...errors },
          },
        },
        async (request) => {
          const payloads = request.body.payloads.map(fromJson);
          try {
            const coded = direction === 'decode' ? await deps.payloadCodec.decode(payloads) : await deps.payloadCodec.encode(payloads);
            return { payloads: coded.map(toJson) };
          } catch (error) {
            if (error instanceof IntegrityError || error instanceof UnknownKeyId) {
              throw problems.validation([{ field: 'body.payloads', reason: `cannot be decoded: ${error.message}` }]);
            }
            throw error;
          }
        },
      );
    }
  };

function fromJson(payload: JsonPayload): Payload {
  const metadata = Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')]));
  return { metadata, data: Buffer.from(payload.data ?? '', 'base64') };
}

function toJson(payload: Payload): JsonPayload {
  const metadata = Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')]),
  );
  return { metadata, data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64') };
}
