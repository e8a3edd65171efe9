/** A deadline in words: "in 3 days" / "tomorrow", or "3 days overdue". */
import { FormattedMessage } from 'react-intl';
import { daysUntil, useTerms } from '../i18n/terms.js';

export function Deadline({ dueAt, overdue }: { dueAt: string; overdue: boolean }) {
  const { intl } = useTerms();
  return overdue ? (
    <FormattedMessage id="case.overdueBy" values={{ days: Math.max(1, -daysUntil(dueAt)) }} />
  ) : (
    <FormattedMessage id="case.dueIn" values={{ when: intl.formatRelativeTime(daysUntil(dueAt), 'day', { numeric: 'auto' }) }} />
  );
}
