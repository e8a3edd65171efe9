/**
 * Delivers outbox notifications to agencies' webhooks: at least once, retried with backoff, each
 * request signed (HMAC-SHA256 over `<timestamp>.<body>`) so the receiver can check it came from
 * Homeward and drop replays; `x-homeward-delivery` lets it ignore a repeat.
 */
import { createHmac } from 'node:crypto';
import type { Logger } from 'pino';
import type { Db } from '../store/db.js';
import { claimDueDeliveries, markDelivered, markFailed, type DueDelivery } from '../store/outbox.js';

export interface DispatcherOptions {
  pollMs?: number;
  batchSize?: number;
  /** A delivery in flight longer than this is tried again. */
  leaseSeconds?: number;
  requestTimeoutMs?: number;
  logger?: Logger;
  /** Counts each attempt by outcome (homeward_webhook_deliveries_total). */
  onAttempt?: (outcome: 'delivered' | 'failed') => void;
}

export const SIGNATURE_HEADER = 'x-homeward-signature';

export function signature(secret: string, timestamp: string, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Seconds until the next try: 2, 4, 8 ... capped at an hour. */
export const retryDelaySeconds = (attempts: number): number => Math.min(3600, 2 ** Math.min(attempts, 12));

export function startOutboxDispatcher(db: Db, options: DispatcherOptions = {}): { stop(): Promise<void> } {
  const { pollMs = 1000, batchSize = 50, leaseSeconds = 60, requestTimeoutMs = 10_000, logger, onAttempt } = options;
  let stopped = false;
  let wake: (() => void) | undefined;

  const deliver = async (delivery: DueDelivery): Promise<void> => {
    const body = JSON.stringify(delivery.payload);
    const timestamp = String(Math.floor(Date.now() / 1000));
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-homeward-delivery': delivery.deliveryId,
          [SIGNATURE_HEADER]: signature(delivery.secret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      await markDelivered(db, delivery.deliveryId);
      onAttempt?.('delivered');
    } catch (error) {
      const reason = (error as Error).message;
      logger?.warn({ deliveryId: delivery.deliveryId, attempts: delivery.attempts, reason }, 'webhook delivery failed; will retry');
      onAttempt?.('failed');
      await markFailed(db, delivery.deliveryId, reason, retryDelaySeconds(delivery.attempts));
    }
  };

  const loop = (async () => {
    while (!stopped) {
      try {
        const due = await claimDueDeliveries(db, batchSize, leaseSeconds);
        await Promise.all(due.map(deliver));
        if (due.length === batchSize) continue;
      } catch (error) {
        logger?.error({ err: error }, 'outbox dispatcher poll failed');
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, pollMs).unref();
      });
    }
  })();

  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
