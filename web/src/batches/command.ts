/**
 * Sending one batch command (POST /v1/batches/{id}/<path>) from a screen: an Idempotency-Key kept
 * until the command is answered (so a resend after a lost answer records nothing twice), the
 * refusal kept whole for the screen to translate, and the batch read again once it is recorded.
 * Confirmations and exclusions go through the device's outbox (offline/outbox.ts): without a link
 * the command is kept on the tablet and the answer is `'kept'` at once, so the next person at the
 * barrier can be confirmed; the batch is read again when the kept command is recorded, and a
 * refusal that comes back then stays with it on the device (offline/kept-actions.tsx).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { api, ApiProblem, newIdempotencyKey, type ProblemDocument } from '../api.js';
import { whenKept } from '../offline/outbox.js';
import type { Batch } from './model.js';

export interface CommandAnswer {
  version: number;
  status: string;
  result: { recorded: number; alreadyRecorded: number } | null;
}

export function useBatchCommand(batchId: string, path: string) {
  const queryClient = useQueryClient();
  const key = useRef(newIdempotencyKey());
  const [problem, setProblem] = useState<ProblemDocument | null>(null);
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<CommandAnswer | null>(null);
  const readAgain = async () => {
    await queryClient.invalidateQueries({ queryKey: ['batch', batchId] });
    await queryClient.invalidateQueries({ queryKey: ['batches'] });
  };

  async function send(body: unknown): Promise<CommandAnswer | 'kept' | null> {
    setBusy(true);
    setProblem(null);
    const sentKey = key.current;
    const answered = api<CommandAnswer>('POST', `/v1/batches/${batchId}/${path}`, body, { 'idempotency-key': sentKey });
    try {
      const first = await Promise.race([answered.then((a) => ({ answered: a })), whenKept(sentKey, answered).then(() => 'kept' as const)]);
      key.current = newIdempotencyKey();
      if (first === 'kept') {
        answered.then(readAgain, readAgain);
        return 'kept';
      }
      setAnswer(first.answered);
      await readAgain();
      return first.answered;
    } catch (error) {
      const refused = error instanceof ApiProblem ? error.problem : { status: 0, code: 'network' };
      // A lost answer (no connection, 503) may have been recorded: the same key resends safely.
      if (refused.status !== 0 && refused.status !== 503) key.current = newIdempotencyKey();
      setProblem(refused);
      return null;
    } finally {
      setBusy(false);
    }
  }
  return { send, problem, busy, answer, clear: () => setProblem(null) };
}

export type { Batch };
