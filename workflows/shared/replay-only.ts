/**
 * REPLAY ONLY: before `CATCH_UP_PATCH` a version conflict failed the command (the update failed
 * with `WrongExpectedVersion`, and every later command of the workflow did too). Runs that met a
 * conflict before the patch replay that failure; the patch's marker is written only where a
 * conflict happens, so runs that never met one (every recorded history) replay unchanged.
 */
import { patched } from '@temporalio/workflow';

export const CATCH_UP_PATCH = 'catch-up-from-store-v1';

/** Whether this conflict is met with a catch-up (today's path) or fails the command (as recorded before). */
export const takesCatchUp = (): boolean => patched(CATCH_UP_PATCH);
