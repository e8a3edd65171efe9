/**
 * What the pages of one thing share - a case, a suspect transfer, a handover batch: the page that
 * says the thing cannot be shown (not found, or why not), the head with its title and its facts
 * (label, value), and the banner of a hold with its reason and review date.
 */
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { ApiProblem } from '../api.js';
import { useTerms } from '../i18n/terms.js';
import { Banner } from './kit.js';

/** The page instead of the thing when its read failed: "not found" for a 404, otherwise the problem in words. */
export function Unavailable({
  error,
  title,
  notFound,
  children,
}: {
  error: unknown;
  title: string;
  notFound: string;
  children?: ReactNode;
}) {
  const { t, problem } = useTerms();
  const p = error instanceof ApiProblem ? error.problem : { status: 0 };
  return (
    <section>
      <h1>
        <FormattedMessage id={title} />
      </h1>
      <Banner kind="error">{p.status === 404 ? t(notFound) : problem(p)}</Banner>
      {children}
    </section>
  );
}

export interface Fact {
  /** The message id of its label. */
  label: string;
  value: ReactNode;
  className?: string;
  testId?: string;
}

/** The head of the page: the title (the page's accessible name, by `titleId`), its facts, and whatever follows them. */
export function PageHead({
  titleId,
  title,
  facts,
  children,
}: {
  titleId: string;
  title: ReactNode;
  facts: (Fact | null)[];
  children?: ReactNode;
}) {
  return (
    <header className="case-head">
      <h1 id={titleId}>{title}</h1>
      <dl className="facts">
        {facts
          .filter((fact): fact is Fact => fact !== null)
          .map((fact) => (
            <div key={fact.label}>
              <dt>
                <FormattedMessage id={fact.label} />
              </dt>
              <dd className={fact.className} data-testid={fact.testId}>
                {fact.value}
              </dd>
            </div>
          ))}
      </dl>
      {children}
    </header>
  );
}

/** A case or transfer on hold: why, in words, and when it is to be looked at again. */
export function HoldBanner({ reason, reviewDate }: { reason: string; reviewDate: string }) {
  const { t, day } = useTerms();
  return (
    <Banner kind="warning" title={t('case.onHold')}>
      <p>
        <FormattedMessage id="case.holdDetail" values={{ reason, date: day(reviewDate) }} />
      </p>
    </Banner>
  );
}
