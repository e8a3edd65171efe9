/**
 * Why a command was refused. The kind decides how callers react:
 * - `wrong_stage`: the action belongs to another stage (HTTP 409, names the current stage);
 * - `on_hold` / `closed`: the case cannot move at all right now (HTTP 409);
 * - `rule`: the action fits the stage but a rule refuses it (HTTP 422).
 */
export type RejectionKind = 'wrong_stage' | 'on_hold' | 'closed' | 'rule';

export class CommandRejected extends Error {
  override readonly name = 'CommandRejected';
  constructor(
    readonly kind: RejectionKind,
    message: string,
    readonly stage: string,
  ) {
    super(message);
  }
}

export function reject(kind: RejectionKind, stage: string, message: string): never {
  throw new CommandRejected(kind, message, stage);
}
