import type { FastifyRequest } from 'fastify';
import { audit, type AuditOutcome } from '../store/audit.js';
import type { AppDeps } from './deps.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const outcomeOf = (status: number): AuditOutcome =>
  status < 400 ? 'ok' : status === 403 || status === 404 ? 'denied' : status >= 500 ? 'failed' : 'refused';

/**
 * The access entry of one request: who, which route, which case, and how it ended. Reads of
 * personal data and recorded actions also have their own entries, written with the data.
 */
export async function auditRequest(deps: AppDeps, request: FastifyRequest, status: number): Promise<void> {
  if (!request.actor) return; // not authenticated: nobody to attribute it to
  const params = (request.params ?? {}) as Record<string, unknown>;
  const caseId = typeof params.caseId === 'string' && UUID.test(params.caseId) ? params.caseId : null;
  try {
    await audit(deps.db, {
      actor: request.actor,
      action: `${request.method} ${request.routeOptions.url ?? request.url}`,
      outcome: outcomeOf(status),
      caseId,
      detail: {
        status,
        ...(typeof params.taskId === 'string' ? { taskId: params.taskId } : {}),
        ...(typeof params.batchId === 'string' ? { batchId: params.batchId } : {}),
      },
    });
  } catch (error) {
    request.log.error({ err: error }, 'audit entry not written');
  }
}
