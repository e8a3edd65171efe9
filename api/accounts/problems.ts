/** Refusals of sign-in and account management, each with its stable `code` (CONTRACTS.md). */
import { HttpProblem, type FieldError } from '../problem.js';

const problem = (
  status: number,
  code: string,
  title: string,
  detail: string,
  params?: Record<string, unknown>,
  headers?: Record<string, string>,
) =>
  new HttpProblem({ type: `https://homeward.dev/problems/${code}`, title, status, detail, code, ...(params ? { params } : {}) }, headers);

export const accountProblems = {
  unauthorized: (detail: string) =>
    problem(401, 'unauthorized', 'Authentication required', detail, undefined, { 'www-authenticate': 'Bearer' }),
  invalidCredentials: () => problem(401, 'invalid-credentials', 'Sign-in failed', 'The username or the password is not right.'),
  invalidSecondFactor: () =>
    problem(
      401,
      'invalid-second-factor',
      'Sign-in failed',
      'The code is not right, or the sign-in took too long; start again if it keeps failing.',
    ),
  invalidChallenge: () =>
    problem(401, 'invalid-challenge', 'Sign-in expired', 'This sign-in step expired or was already used: sign in again.'),
  locked: (retryAfterSeconds: number) =>
    problem(
      423,
      'account-locked',
      'Too many failed sign-ins',
      `Sign-in is locked after repeated failures; try again in ${retryAfterSeconds} seconds or ask an admin to unlock the account.`,
      { retryAfterSeconds },
      { 'retry-after': String(retryAfterSeconds) },
    ),
  csrf: () =>
    problem(403, 'csrf', 'Cross-site request refused', 'A write with a session cookie must come from Homeward itself (Origin header).'),
  forbidden: (detail: string) => problem(403, 'forbidden', 'Not allowed', detail),
  notFound: (detail: string) => problem(404, 'not-found', 'Not found', detail),
  conflict: (code: string, detail: string) => problem(409, code, 'Conflict', detail),
  password: (field: string, reason: string, code: string) =>
    new HttpProblem({
      type: 'https://homeward.dev/problems/validation',
      title: 'The request is not valid',
      status: 400,
      detail: `${field}: ${reason}`,
      code: 'validation',
      errors: [{ field, reason, code } as FieldError],
    }),
  invalidResetToken: () =>
    problem(400, 'invalid-reset-token', 'Reset link not valid', 'This reset link expired or was already used; ask an admin for a new one.'),
  singleSignOn: (detail: string) => problem(401, 'single-sign-on-failed', 'Single sign-on failed', detail),
};
