/** Where the process stalls, in words: the step most overdue cases wait for, then the next ones. */
import { useTerms } from '../i18n/terms.js';
import type { StallPoint } from './data.js';

export function stallSentences(
  t: (id: string, values?: Record<string, string | number>) => string,
  intl: ReturnType<typeof useTerms>['intl'],
  points: StallPoint[],
): string[] {
  const total = points.reduce((sum, p) => sum + p.overdue, 0);
  if (total === 0) return [t('monitoring.stall.none')];
  const stepName = (step: string) => t(`step.${step}`);
  const [first, ...rest] = points;
  const lead = t('monitoring.stall.lead', {
    total,
    step: stepName(first!.step),
    count: first!.overdue,
    share: intl.formatNumber(first!.overdue / total, { style: 'percent' }),
  });
  if (rest.length === 0) return [lead];
  // Joined with the catalog's own separator: Chromium has no list data for Burmese, Khmer or Lao
  // (Intl.ListFormat would put an English "and" between Burmese words).
  const next = rest
    .slice(0, 3)
    .map((p) => t('monitoring.stall.item', { step: stepName(p.step), count: p.overdue }))
    .join(t('monitoring.stall.separator'));
  return [lead, t('monitoring.stall.then', { list: next })];
}

export function StallSummary({ points }: { points: StallPoint[] }) {
  const { t, intl } = useTerms();
  return (
    <div className="dash-lead" data-testid="stall-summary">
      {stallSentences(t, intl, points).map((sentence) => (
        <p key={sentence} className="stall-sentence">
          {sentence}
        </p>
      ))}
    </div>
  );
}
