/** How far both sides are: confirmed by each side, handed over, excluded, still awaited. */
import { FormattedMessage } from 'react-intl';
import { useTerms } from '../i18n/terms.js';
import type { Batch } from './model.js';

export function ProgressBars({ batch, compact = false }: { batch: Batch; compact?: boolean }) {
  const { t, intl } = useTerms();
  const p = batch.progress;
  const rows = [
    ['sending', p.sendingConfirmed],
    ['receiving', p.receivingConfirmed],
    ['handedOver', p.handedOver],
    ['excluded', p.excluded],
  ] as const;
  return (
    <div className={`batch-progress${compact ? ' compact' : ''}`} data-testid="batch-progress">
      {rows.map(([key, value]) => {
        const id = `progress-${batch.batchId}-${key}`;
        return (
          <div key={key} className={`progress-row progress-${key}`} data-progress={key} data-value={value}>
            <span id={id} className="progress-label">
              {t(`batchProgress.${key}`)}
            </span>
            <progress aria-labelledby={id} max={Math.max(p.members, 1)} value={value} />
            <span className="progress-count">
              <FormattedMessage id="batchProgress.count" values={{ done: intl.formatNumber(value), total: intl.formatNumber(p.members) }} />
            </span>
          </div>
        );
      })}
      {!compact ? (
        <p className="progress-awaiting" data-testid="batch-awaiting">
          <FormattedMessage id="batchProgress.awaiting" values={{ count: p.awaiting }} />
        </p>
      ) : null}
    </div>
  );
}
