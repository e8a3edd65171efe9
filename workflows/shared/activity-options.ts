/**
 * The retry policy every Homeward activity shares: Postgres may be down for a while at a border
 * office, so keep trying and never lose an accepted command; refusals (`nonRetryable`) stop at once.
 */
import type { ActivityOptions } from '@temporalio/workflow';

export const KEEP_TRYING = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' } as const;

export const activityOptions = (startToCloseTimeout: ActivityOptions['startToCloseTimeout'], nonRetryableErrorTypes: string[] = []) =>
  ({
    startToCloseTimeout,
    retry: nonRetryableErrorTypes.length > 0 ? { ...KEEP_TRYING, nonRetryableErrorTypes } : KEEP_TRYING,
  }) satisfies ActivityOptions;
