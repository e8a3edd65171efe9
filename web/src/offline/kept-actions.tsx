/**
 * The actions of one case or one handover batch that wait on this device (with "discard"), and
 * the refusals that came back for them later (translated from their codes, with "dismiss"). The
 * case's offline panel and the batch's handover day show them; the header lists them all.
 */
import { FormattedMessage } from 'react-intl';
import { useTerms } from '../i18n/terms.js';
import { Banner, Button } from '../ui/kit.js';
import type { OutboxEntry, OutboxSubject } from './device-store.js';
import { useDeviceState } from './device-state.js';
import { discard } from './outbox.js';

type Translate = (id: string, values?: Record<string, string | number>) => string;

const countOf = (value: unknown) => (Array.isArray(value) ? value.length : 0);

/** What a kept action does, in the reader's language: the case's action, or how many people a batch's command is about. */
export function keptActionLabel(t: Translate, entry: OutboxEntry): string {
  if (entry.subject.kind === 'case') return t(`action.${String(entry.body.type)}`);
  return entry.path.endsWith('/exclusions')
    ? t('offline.kept.exclusions', { count: countOf(entry.body.exclusions) })
    : t('offline.kept.confirmations', { count: countOf(entry.body.caseIds) });
}

export const isAbout = (entry: OutboxEntry, subject: OutboxSubject) =>
  entry.subject.kind === subject.kind && entry.subject.id === subject.id;

/** Waiting for the link: performed offline, or its answer lost. A first attempt still on its way is not shown as kept. */
export const isKeptWaiting = (entry: OutboxEntry) => entry.state === 'waiting' && entry.waitedForLink === true;

export function KeptActions({ subject }: { subject: OutboxSubject }) {
  const { entries, sending } = useDeviceState();
  const { t, problem, when } = useTerms();
  const mine = entries.filter((e) => isAbout(e, subject));
  const waiting = mine.filter(isKeptWaiting);
  const refused = mine.filter((e) => e.state === 'refused');
  return (
    <>
      {refused.map((entry) => (
        <Banner key={entry.key} kind="error" title={t('offline.case.refusedTitle', { action: keptActionLabel(t, entry) })}>
          <p>{problem(entry.problem ?? { status: 0 })}</p>
          <Button kind="secondary" onClick={() => void discard(entry.key)}>
            <FormattedMessage id="offline.case.dismiss" />
          </Button>
        </Banner>
      ))}
      {waiting.length > 0 ? (
        <Banner kind="warning" title={t('offline.case.waitingTitle', { count: waiting.length })}>
          <p>
            <FormattedMessage id="offline.case.waitingHelp" />
          </p>
          <ul className="offline-kept" data-testid="kept-actions">
            {waiting.map((entry) => (
              <li key={entry.key} data-action={entry.subject.kind === 'case' ? String(entry.body.type) : entry.path.split('/').pop()}>
                <span>
                  <FormattedMessage
                    id="offline.case.waitingItem"
                    values={{ action: keptActionLabel(t, entry), when: when(entry.createdAt) }}
                  />
                </span>
                <Button kind="secondary" disabled={sending} onClick={() => void discard(entry.key)}>
                  <FormattedMessage id="offline.case.discard" />
                  <span className="visually-hidden"> {keptActionLabel(t, entry)}</span>
                </Button>
              </li>
            ))}
          </ul>
        </Banner>
      ) : null}
    </>
  );
}
