/**
 * The case's offline panel: the case's actions that wait on this device (with "discard"), the
 * refusals that came back for them later (translated from their codes, with "dismiss"), a note
 * when the case is shown from the copy kept on the device, and the mark "keep this case on this
 * device for offline use" (only then are its details, the person's included, kept).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { useTerms } from '../i18n/terms.js';
import { Banner, Button } from '../ui/kit.js';
import { useDeviceState } from './device-state.js';
import { markForOffline, unmarkForOffline } from './keeping.js';
import { discard } from './outbox.js';
import './offline.css';

export function OfflineCasePanel({ caseId }: { caseId: string }) {
  const { entries, marked, fromCopy, sending } = useDeviceState();
  const { t, problem, when } = useTerms();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const markId = useId();
  const mine = entries.filter((e) => e.caseId === caseId);
  const waiting = mine.filter((e) => e.state === 'waiting');
  const refused = mine.filter((e) => e.state === 'refused');
  const copiedAt = fromCopy.get(caseId);
  const isMarked = marked.has(caseId);

  async function toggleMark(mark: boolean) {
    setBusy(true);
    try {
      if (!mark) await unmarkForOffline(caseId);
      else
        // What the screen already read of the case is kept at once, so it opens offline from now on.
        await markForOffline(caseId, [
          { path: `/v1/cases/${caseId}`, body: queryClient.getQueryData(['case', caseId]) },
          { path: `/v1/cases/${caseId}/events`, body: queryClient.getQueryData(['case', caseId, 'events']) },
          { path: `/v1/inbox?caseId=${caseId}`, body: queryClient.getQueryData(['inbox', 'case', caseId]) },
        ]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="offline-case" aria-label={t('offline.case.label')} data-testid="offline-case">
      {copiedAt ? <Banner kind="info">{t('offline.case.fromCopy', { when: when(copiedAt) })}</Banner> : null}
      {refused.map((entry) => (
        <Banner key={entry.key} kind="error" title={t('offline.case.refusedTitle', { action: t(`action.${String(entry.body.type)}`) })}>
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
          <ul className="offline-kept">
            {waiting.map((entry) => (
              <li key={entry.key} data-action={String(entry.body.type)}>
                <span>
                  <FormattedMessage
                    id="offline.case.waitingItem"
                    values={{ action: t(`action.${String(entry.body.type)}`), when: when(entry.createdAt) }}
                  />
                </span>
                <Button kind="secondary" disabled={sending} onClick={() => void discard(entry.key)}>
                  <FormattedMessage id="offline.case.discard" />
                  <span className="visually-hidden"> {t(`action.${String(entry.body.type)}`)}</span>
                </Button>
              </li>
            ))}
          </ul>
        </Banner>
      ) : null}
      <div className="offline-mark">
        <input
          id={markId}
          type="checkbox"
          checked={isMarked}
          disabled={busy}
          aria-describedby={`${markId}-help`}
          onChange={(event) => void toggleMark(event.target.checked)}
        />
        <div>
          <label htmlFor={markId}>
            <FormattedMessage id="offline.case.mark" />
          </label>
          <p id={`${markId}-help`} className="field-help">
            <FormattedMessage id="offline.case.markHelp" />
          </p>
        </div>
      </div>
    </section>
  );
}
