import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import type { Actor } from '../domain/shared/actor.js';
import type { AccountsSettings } from '../platform/accounts-config.js';
import type { Db } from '../store/db.js';
import type { MatchIndex } from '../store/match-index.js';
import type { PersonVault } from '../store/persons.js';
import type { WorkflowGateway } from './workflow-gateway.js';

/** What the routes need from the outside world; the app factory receives it ready-made. */
export interface AppDeps {
  db: Db;
  /** Connection as the app role, subject to row-level security: case reads go through it (api/scope.ts). */
  appDb?: Db;
  temporal: Client;
  /** The one way to the workflows (api/workflow-gateway.ts). */
  workflows: WorkflowGateway;
  jwtSecret: string;
  /** The only way to personal data: sealed per person, erasable. */
  vault: PersonVault;
  /** Match keys beside the vault (issue 21); without it possible matches answer 503. */
  matching?: MatchIndex;
  /** The Temporal payload codec, served to authorised staff at /codec for the Temporal UI and CLI. */
  payloadCodec: PayloadCodec;
  /** Sign-in, sessions and credentials (platform/accounts-config.ts); defaults fit development and tests. */
  accounts?: AccountsSettings;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook on every /v1 route. */
    actor: Actor;
  }
}
