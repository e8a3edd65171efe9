import { FormattedMessage } from 'react-intl';
import { useTerms } from '../i18n/terms.js';
import type { CaseDetail } from '../types.js';
import { timeline } from './process.js';

/** The five stages in order, each gate done, missing (in the current stage) or still to come. */
export function Timeline({ detail }: { detail: CaseDetail }) {
  const { t } = useTerms();
  return (
    <section aria-labelledby="timeline-title" className="panel">
      <h2 id="timeline-title">
        <FormattedMessage id="case.timeline" />
      </h2>
      <ol className="timeline">
        {timeline(detail).map((s) => (
          <li key={s.stage} className={`stage stage-${s.state}`} aria-current={s.state === 'current' ? 'step' : undefined}>
            <p className="stage-name">
              {t(`stage.${s.stage}`)} <span className="stage-state">{t(`stageState.${s.state}`)}</span>
            </p>
            <ul className="gates">
              {s.gates.map((g) => (
                <li key={g.gate} className={`gate gate-${g.state}`} data-gate={g.gate} data-state={g.state}>
                  <span aria-hidden="true" className="gate-mark">
                    {g.state === 'done' ? '✓' : g.state === 'missing' ? '!' : '·'}
                  </span>
                  <span>
                    {t(`gate.${g.gate}`)} <span className="visually-hidden">({t(`gateState.${g.state}`)})</span>
                  </span>
                </li>
              ))}
            </ul>
            {s.state === 'current' && s.gates.some((g) => g.state === 'missing') ? (
              <p className="missing" data-testid="missing">
                <FormattedMessage
                  id="case.missing"
                  values={{
                    count: s.gates.filter((g) => g.state === 'missing').length,
                    gates: s.gates
                      .filter((g) => g.state === 'missing')
                      .map((g) => t(`gate.${g.gate}`))
                      .join(' · '),
                  }}
                />
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
