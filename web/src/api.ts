/**
 * The console's one way to the API: the same public routes a program uses, with the session
 * cookie (same origin). Refusals arrive as problem documents and are kept whole, so screens can
 * translate them from `code` and `params`, never from the English `detail`.
 */
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

export async function api<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiProblem({ status: 0, code: 'network' });
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const parsed = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const problem: ProblemDocument =
      parsed && typeof parsed === 'object' ? { ...(parsed as ProblemDocument), status: response.status } : { status: response.status };
    if (response.status === 401 && !path.startsWith('/v1/auth/')) signedOutListeners.forEach((l) => l());
    throw new ApiProblem(problem);
  }
  return parsed as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A fresh Idempotency-Key per submitted form: a resend after a timeout writes nothing twice. */
export const newIdempotencyKey = () => crypto.randomUUID();
