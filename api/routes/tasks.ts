import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { assignTask, inbox, openTaskOf } from '../../store/inbox.js';
import { audit } from '../../store/audit.js';
import { colleaguesOf, namesOf } from '../../store/people-names.js';
import type { Actor } from '../../domain/shared/actor.js';
import { callerOf, type Caller } from '../access.js';
import type { AppDeps } from '../deps.js';
import { scoped } from '../scope.js';
import { problemResponses, problems } from '../problem.js';

const InboxItem = Type.Object({
  taskId: Type.String(),
  caseId: Type.String(),
  step: Type.String(),
  title: Type.String(),
  dueAt: Type.String({ format: 'date-time' }),
  overdue: Type.Boolean(),
  corridor: Type.String(),
  stage: Type.String(),
  kind: Type.String(),
  sex: Type.String(),
  ageGroup: Type.String(),
  assignee: Type.Union([Type.String(), Type.Null()]),
  assigneeName: Type.Union([Type.String(), Type.Null()], { description: "The assignee's display name (an account of my agency)" }),
  assignedBy: Type.Union([Type.String(), Type.Null()], { description: 'Who gave the task to the assignee (the assignee, if claimed)' }),
  assignedByName: Type.Union([Type.String(), Type.Null()]),
});
const Colleague = Type.Object({ userId: Type.String(), displayName: Type.String() });
const TaskParams = Type.Object({ taskId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
const errors = problemResponses(400, 401, 404);

/**
 * Task inboxes. A task closes by itself when its case records the step's event, whoever records
 * it: completing a task is performing the case action (POST /v1/cases/{caseId}/actions).
 */
export const taskRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/inbox',
      {
        schema: {
          summary: "My agency's open tasks, soonest due first",
          tags: ['tasks'],
          querystring: Type.Object(
            {
              mine: Type.Optional(Type.Boolean({ description: 'only tasks assigned to me' })),
              caseId: Type.Optional(Type.String({ format: 'uuid', description: 'only tasks of this case' })),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ items: Type.Array(InboxItem) }), ...errors },
        },
      },
      async (request) => {
        const caller = await callerOf(deps.db, request.actor);
        const items = await scoped(deps, caller, (db) =>
          inbox(db, caller.agency, {
            limit: request.query.limit ?? 100,
            mine: request.query.mine ? caller.actor.userId : undefined,
            caseId: request.query.caseId,
          }),
        );
        // Names of my agency's people only: an id of another agency's account stays unnamed.
        const names = await namesOf(
          deps.db,
          items.flatMap((i) => [i.assignee, i.assignedBy].filter((id): id is string => id !== null)),
        );
        const nameOf = (id: string | null) => {
          const person = id ? names.get(id) : undefined;
          return person && person.agencyId === caller.agency.agencyId ? person.displayName : null;
        };
        return { items: items.map((i) => ({ ...i, assigneeName: nameOf(i.assignee), assignedByName: nameOf(i.assignedBy) })) };
      },
    );

    app.get(
      '/colleagues',
      {
        schema: {
          summary: "My agency's active accounts, by name: whom a task can be given to",
          description: "Names only (no usernames, roles or sign-in details), and only of the caller's own agency.",
          tags: ['tasks'],
          response: { 200: Type.Object({ items: Type.Array(Colleague) }), ...errors },
        },
      },
      async (request) => {
        const caller = await callerOf(deps.db, request.actor);
        return { items: await colleaguesOf(deps.db, caller.agency.agencyId) };
      },
    );

    app.post(
      '/tasks/:taskId/claim',
      {
        schema: {
          summary: 'Take a task: it is assigned to me',
          tags: ['tasks'],
          params: TaskParams,
          response: { 200: Type.Object({ taskId: Type.String(), assignee: Type.String() }), ...errors },
        },
      },
      async (request) => giveTask(deps, request.actor, request.params.taskId, (caller) => caller.actor.userId),
    );

    app.post(
      '/tasks/:taskId/assign',
      {
        schema: {
          summary: 'Assign a task to a colleague in my agency (one of GET /v1/colleagues)',
          tags: ['tasks'],
          params: TaskParams,
          body: Type.Object(
            { userId: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$' }) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ taskId: Type.String(), assignee: Type.String() }), ...errors },
        },
      },
      async (request) =>
        giveTask(deps, request.actor, request.params.taskId, async (caller) => {
          const { userId } = request.body;
          // Only a colleague, as GET /v1/colleagues lists them: a task given to an unknown or another agency's id is lost to its agency.
          if (!(await colleaguesOf(deps.db, caller.agency.agencyId)).some((c) => c.userId === userId))
            throw problems.validation([
              { field: 'body.userId', reason: 'is not an active account of your agency', code: 'not-a-colleague' },
            ]);
          return userId;
        }),
    );
  };

/** Assigns an open task of the caller's agency to a person of that agency; any other task is 404. */
async function giveTask(deps: AppDeps, actor: Actor, taskId: string, assigneeOf: (caller: Caller) => string | Promise<string>) {
  const caller = await callerOf(deps.db, actor);
  const task = await scoped(deps, caller, (db) => openTaskOf(db, caller.agency, taskId));
  if (!task) {
    await audit(deps.db, { actor, action: 'task.assign', outcome: 'denied', detail: { taskId } });
    throw problems.notFound(`No open task ${taskId} for your agency.`);
  }
  const assignee = await assigneeOf(caller);
  await assignTask(deps.db, task.taskId, { userId: assignee, agencyId: caller.agency.agencyId }, actor.userId);
  await audit(deps.db, { actor, action: 'task.assign', outcome: 'ok', caseId: task.caseId, detail: { taskId: task.taskId, assignee } });
  return { taskId: task.taskId, assignee };
}
