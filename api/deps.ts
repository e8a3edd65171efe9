import type { Client } from '@temporalio/client';
import type { Actor } from '../domain/shared/actor.js';
import type { Db } from '../store/db.js';
import type { CaseCommands } from './case-commands.js';

/** What the routes need from the outside world; the app factory receives it ready-made. */
export interface AppDeps {
  db: Db;
  temporal: Client;
  commands: CaseCommands;
  jwtSecret: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook on every /v1 route. */
    actor: Actor;
  }
}
