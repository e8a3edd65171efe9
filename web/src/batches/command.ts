/**
 * Sending one batch command (POST /v1/batches/{id}/<path>) from a screen: an Idempotency-Key kept
 * until the command is answered (so a resend after a lost answer records nothing twice), the
 * refusal kept whole for the screen to translate, and the batch read again once it is recorded.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { api, ApiProblem, newIdempotencyKey, type ProblemDocument } from '../api.js';
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

  async function send(body: unknown): Promise<CommandAnswer | null> {
    setBusy(true);
    setProblem(null);
    try {
      const answered = await api<CommandAnswer>('POST', `/v1/batches/${batchId}/${path}`, body, { 'idempotency-key': key.current });
      key.current = newIdempotencyKey();
      setAnswer(answered);
      await queryClient.invalidateQueries({ queryKey: ['batch', batchId] });
      await queryClient.invalidateQueries({ queryKey: ['batches'] });
      return answered;
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
