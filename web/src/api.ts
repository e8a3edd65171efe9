/**
 * The console's one way to the API: the same public routes a program uses, with the session
 * cookie (same origin). Refusals arrive as problem documents and are kept whole, so screens can
 * translate them from `code` and `params`, never from the English `detail`.
 */
import {
  forgetDevice,
  keepAnswer,
  keptAnswer,
  keptProfile,
  noteSessionEnded,
  noteSignedIn,
  subjectOfQueuedWrite,
} from './offline/keeping.js';
import { sendKept, sendNow, setSignedOutHandler } from './offline/outbox.js';
import { finishPendingSignOut, rememberSignOut } from './offline/sign-out.js';
import { noteLink } from './offline/device-state.js';
import type { Me } from './types.js';

export interface FieldProblem {
  field: string;
  reason?: string;
  code?: string;
  params?: Record<string, unknown>;
}

export interface ProblemDocument {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  params?: Record<string, unknown>;
  stage?: string;
  errors?: FieldProblem[];
}

export class ApiProblem extends Error {
  constructor(readonly problem: ProblemDocument) {
    super(problem.title ?? `HTTP ${problem.status}`);
  }
}

/**
 * The problem's stable code. Until every problem carries `code`, the last segment of its `type`
 * URL is the same stable slug (`wrong-stage`, `case-on-hold`, ...); both are machine codes.
 */
export function problemCode(problem: ProblemDocument): string {
  if (problem.code) return problem.code;
  const slug = problem.type?.split('/').pop();
  return slug && slug !== 'about:blank' ? slug : `http-${problem.status}`;
}

type Listener = () => void;
const signedOutListeners = new Set<Listener>();
/** Screens learn here that the session ended (401), to show the sign-in screen. */
export const onSignedOut = (listener: Listener) => {
  signedOutListeners.add(listener);
  return () => {
    signedOutListeners.delete(listener);
  };
};

/**
 * One request to the API. A case action or a batch's confirmations and exclusions (a POST with an Idempotency-Key) is kept on the device
 * until it is answered and resent with the same key when the answer is lost (offline/outbox.ts);
 * a read that fails on the network is answered from the device only for a case marked for
 * offline use, and `/v1/me` from the profile kept without names (offline/keeping.ts).
 */
export async function api<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const key = headers['idempotency-key'];
  const queued = method === 'POST' && key ? subjectOfQueuedWrite(path) : undefined;
  if (queued && body && typeof body === 'object') {
    try {
      return (await sendKept(queued, path, body as Record<string, unknown>, key!)) as T;
    } catch (problem) {
      const known = problem && typeof problem === 'object' && 'status' in problem;
      throw new ApiProblem(known ? (problem as ProblemDocument) : { status: 0, code: 'network' });
    }
  }
  if (path.startsWith('/v1/auth/sign-out')) {
    // Whatever the server answers (or if it cannot be reached), nothing stays on the device.
    try {
      return await request<T>(method, path, body, headers);
    } catch (error) {
      if (error instanceof ApiProblem && error.problem.code === 'network') rememberSignOut();
      throw error;
    } finally {
      await forgetDevice();
    }
  }
  try {
    const answer = await request<T>(method, path, body, headers);
    await afterAnswer(method, path, answer);
    return answer;
  } catch (error) {
    if (method === 'GET' && error instanceof ApiProblem && error.problem.code === 'network') {
      const kept = path === '/v1/me' ? await keptProfile() : (await keptAnswer(path))?.body;
      if (kept !== undefined) return kept as T;
    }
    throw error;
  }
}

/** What an answer tells the device: who is signed in, and a fresher copy of a marked case. */
async function afterAnswer(method: string, path: string, answer: unknown): Promise<void> {
  const signedIn = answer as { status?: string; me?: Me } | undefined;
  if (method === 'GET' && path === '/v1/me' && answer) await noteSignedIn(answer as Me);
  else if (method === 'POST' && path.startsWith('/v1/auth/') && signedIn?.status === 'signed_in' && signedIn.me)
    await noteSignedIn(signedIn.me);
  else if (method === 'GET') return keepAnswer(path, answer);
  else return;
  sendNow(); // the same person again: what waited for their sign-in goes now
}

async function request<T>(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<T> {
  await finishPendingSignOut();
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    noteLink(false);
    throw new ApiProblem({ status: 0, code: 'network' });
  }
  noteLink(true);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const parsed = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const problem: ProblemDocument =
      parsed && typeof parsed === 'object' ? { ...(parsed as ProblemDocument), status: response.status } : { status: response.status };
    if (response.status === 401 && !path.startsWith('/v1/auth/')) signedOut();
    throw new ApiProblem(problem);
  }
  return parsed as T;
}

/** The session ended (401): the screens show the sign-in, the device lets go of case copies. */
function signedOut() {
  void noteSessionEnded();
  signedOutListeners.forEach((l) => l());
}
setSignedOutHandler(() => signedOutListeners.forEach((l) => l()));

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A fresh Idempotency-Key per submitted form: a resend after a timeout writes nothing twice. */
export const newIdempotencyKey = () => crypto.randomUUID();
