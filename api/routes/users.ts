/** Accounts of my agency, managed by its admins (CONTRACTS.md "Users"). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { accountsDb } from '../../store/accounts-schema.js';
import { listUsers, updateUser, userView } from '../../store/accounts.js';
import { settingsOf } from '../accounts/authenticate.js';
import { auditAccount } from '../accounts/me.js';
import { DisplayNameSchema, LanguageSchema, RoleSchema, SecretInput, UserSchema, UsernameSchema, UuidParam } from '../accounts/schemas.js';
import { assertAdmin, createAccountRecord, managedAccount, resetLink, setStatus, unlock } from '../accounts/users.js';
import type { AppDeps } from '../deps.js';
import { problemResponses } from '../problem.js';

const errors = problemResponses(400, 401, 403, 404, 409);
const Params = Type.Object({ userId: UuidParam }, { additionalProperties: false });
const ResetLink = Type.Object({ resetUrl: Type.String(), expiresAt: Type.String() });

export const userRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.addHook('preHandler', async (request) => assertAdmin(request.actor));

    app.get(
      '/users',
      {
        schema: {
          summary: "My agency's accounts (admins)",
          tags: ['users'],
          response: { 200: Type.Object({ items: Type.Array(UserSchema) }), ...errors },
        },
      },
      async (request) => ({ items: (await listUsers(accountsDb(deps.db), request.actor.agencyId)).map(userView) }),
    );

    app.post(
      '/users',
      {
        schema: {
          summary: 'Add an account to my agency (admins); without a password, answers a one-time link to set it',
          tags: ['users'],
          body: Type.Object(
            {
              username: UsernameSchema,
              displayName: DisplayNameSchema,
              role: RoleSchema,
              language: Type.Optional(LanguageSchema),
              password: Type.Optional(SecretInput(256)),
            },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Object({ user: UserSchema, resetUrl: Type.Optional(Type.String()), expiresAt: Type.Optional(Type.String()) }),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const created = await createAccountRecord(
          deps.db,
          settingsOf(deps),
          { ...request.body, agencyId: request.actor.agencyId },
          request.actor,
        );
        return reply.status(201).send(created);
      },
    );

    app.patch(
      '/users/:userId',
      {
        schema: {
          summary: "Change an account's name, role or language (admins of its agency)",
          tags: ['users'],
          params: Params,
          body: Type.Object(
            { displayName: Type.Optional(DisplayNameSchema), role: Type.Optional(RoleSchema), language: Type.Optional(LanguageSchema) },
            { additionalProperties: false, minProperties: 1 },
          ),
          response: { 200: UserSchema, ...errors },
        },
      },
      async (request) => {
        const user = await managedAccount(deps.db, request.actor, request.params.userId);
        const { displayName, role, language } = request.body;
        const row = await updateUser(accountsDb(deps.db), user.user_id, {
          ...(displayName !== undefined ? { display_name: displayName } : {}),
          ...(role !== undefined ? { role } : {}),
          ...(language !== undefined ? { language } : {}),
        });
        await auditAccount(deps.db, request.actor, 'user.update', 'ok', {
          targetUserId: user.user_id,
          fields: Object.keys(request.body),
          ...(role ? { role } : {}),
        });
        return userView(row!);
      },
    );

    for (const status of ['disable', 'enable'] as const) {
      app.post(
        `/users/:userId/${status}`,
        {
          schema: {
            summary: status === 'disable' ? 'Disable an account: its sessions end at once' : 'Enable a disabled account',
            tags: ['users'],
            params: Params,
            response: { 200: UserSchema, ...errors },
          },
        },
        async (request) =>
          setStatus(
            deps.db,
            request.actor,
            await managedAccount(deps.db, request.actor, request.params.userId),
            status === 'disable' ? 'disabled' : 'active',
          ),
      );
    }

    app.post(
      '/users/:userId/unlock',
      {
        schema: {
          summary: 'Unlock an account locked by failed sign-ins',
          tags: ['users'],
          params: Params,
          response: { 204: Type.Null(), ...errors },
        },
      },
      async (request, reply) => {
        await unlock(deps.db, request.actor, await managedAccount(deps.db, request.actor, request.params.userId));
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/users/:userId/reset-password',
      {
        schema: {
          summary: 'Make a one-time link to set a new password (no password is sent anywhere)',
          tags: ['users'],
          params: Params,
          response: { 200: ResetLink, ...errors },
        },
      },
      async (request) =>
        resetLink(deps.db, settingsOf(deps), request.actor, await managedAccount(deps.db, request.actor, request.params.userId)),
    );
  };
