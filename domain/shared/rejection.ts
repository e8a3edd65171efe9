/**
 * Why a command was refused. The kind decides how callers react:
 * - `wrong_stage`: the action belongs to another stage (HTTP 409, names the current stage);
 * - `on_hold` / `closed`: the case cannot move at all right now (HTTP 409);
 * - `rule`: the action fits the stage but a rule refuses it (HTTP 422).
 * Beside the English message, `code` names the rule (kebab-case, stable) and `params` hold the
 * values a client needs to say it in another language: no client parses the message.
 */
export type RejectionKind = 'wrong_stage' | 'on_hold' | 'closed' | 'rule';

export type RejectionParams = Record<string, string | number | boolean | string[] | null>;

/** The code of a refusal that names no rule of its own: the kind says it all. */
export const KIND_CODES: Record<RejectionKind, string> = {
  wrong_stage: 'wrong-stage',
  on_hold: 'case-on-hold',
  closed: 'case-closed',
  rule: 'rule',
};

export class CommandRejected extends Error {
  override readonly name = 'CommandRejected';
  constructor(
    readonly kind: RejectionKind,
    message: string,
    readonly stage: string,
    readonly code: string = KIND_CODES[kind],
    readonly params: RejectionParams = {},
  ) {
    super(message);
  }
}

export function reject(kind: RejectionKind, stage: string, message: string, code?: string, params?: RejectionParams): never {
  throw new CommandRejected(kind, message, stage, code, params);
}

/** A repeat that would record nothing new (the same outcome twice): refused, so a resent request is harmless. */
export const ALREADY_RECORDED = 'already-recorded';

/** A rule refusal within a decider: its message, code and params (typed so TypeScript narrows after it). */
export type Refuse = (message: string, code: string, params?: RejectionParams) => never;
