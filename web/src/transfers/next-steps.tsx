/** Which country performs what the transfer waits for; the reader's own country is marked. */
import { FormattedMessage } from 'react-intl';
import { useTerms } from '../i18n/terms.js';
import type { NextStep } from './model.js';

export function NextSteps({ steps, myCountry }: { steps: NextStep[]; myCountry: string }) {
  const { t, code } = useTerms();
  if (steps.length === 0) return null;
  return (
    <ul className="next-steps">
      {steps.map((s) => (
        <li key={s.gate} data-gate={s.gate} data-country={s.country} className={s.country === myCountry ? 'next-mine' : 'next-other'}>
          <span className="next-country">
            <FormattedMessage id="transfer.performedBy" values={{ country: code(s.country) }} />
            {s.country === myCountry ? (
              <span className="pill next-you">
                {' '}
                <FormattedMessage id="transfer.yourCountry" />
              </span>
            ) : null}
          </span>
          <span className="next-action">{t(`gate.${s.gate}`)}</span>
        </li>
      ))}
    </ul>
  );
}
