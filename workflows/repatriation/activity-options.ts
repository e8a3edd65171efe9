import { activityOptions } from '../shared/activity-options.js';

/** The case's activities: the append (a refused version is a conflict, not retried) and the deadline look-up. */
export const CASE_ACTIVITY_OPTIONS = activityOptions('30 seconds', ['WrongExpectedVersion']);
