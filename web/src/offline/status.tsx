/**
 * The header's small "waiting to send" indicator: offline or not, how many actions wait on this
 * device and how many came back refused; opened, the list of them with their cases and "send
 * now". Mounted once signed in, it also registers the service worker, sends what waits, and
 * has the screens read a case again when one of its kept actions was answered.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link } from 'react-router';
import { caseNumber } from '../case/process.js';
import { useTerms } from '../i18n/terms.js';
import { useDeviceState } from './device-state.js';
import { keptActionLabel } from './kept-actions.js';
import { onSent, sendNow } from './outbox.js';
import { registerServiceWorker } from './register.js';
import './offline.css';

export function OfflineStatus() {
  const { entries, offline, sending, needsSignIn } = useDeviceState();
  const { t, when } = useTerms();
  const queryClient = useQueryClient();

  useEffect(() => {
    registerServiceWorker();
    sendNow();
    return onSent((entry) => {
      if (entry.subject.kind === 'batch') {
        void queryClient.invalidateQueries({ queryKey: ['batch', entry.subject.id] });
        void queryClient.invalidateQueries({ queryKey: ['batches'] });
        return;
      }
      void queryClient.invalidateQueries({ queryKey: ['case', entry.subject.id] });
      void queryClient.invalidateQueries({ queryKey: ['inbox'] });
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
    });
  }, [queryClient]);

  const waiting = entries.filter((e) => e.state === 'waiting').length;
  const refused = entries.length - waiting;
  const summary = [
    offline ? t('offline.status.offline') : null,
    waiting > 0 ? t('offline.status.waiting', { count: waiting }) : null,
    refused > 0 ? t('offline.status.refused', { count: refused }) : null,
  ].filter(Boolean);

  return (
    <div className="offline-status" data-testid="offline-status">
      {/* Read out when it changes: going offline, an action kept, an action sent. */}
      <p className="visually-hidden" role="status">
        {summary.join('. ')}
      </p>
      {entries.length === 0 ? (
        offline ? (
          <span className="offline-pill" aria-hidden="true">
            {t('offline.status.offline')}
          </span>
        ) : null
      ) : (
        <details className="offline-outbox">
          <summary className={refused > 0 ? 'offline-pill offline-pill-refused' : 'offline-pill'}>{summary.join(' · ')}</summary>
          <div className="offline-panel">
            <p className="offline-panel-title">
              <FormattedMessage id="offline.outbox.title" />
            </p>
            <ul className="offline-list">
              {entries.map((entry) => (
                <li key={entry.key} data-state={entry.state}>
                  {entry.subject.kind === 'case' ? (
                    <Link to={`/cases/${entry.subject.id}`}>
                      <FormattedMessage id="offline.outbox.case" values={{ number: caseNumber(entry.subject.id) }} />
                    </Link>
                  ) : (
                    <Link to={`/batches/${entry.subject.id}`}>
                      <FormattedMessage id="offline.outbox.batch" />
                    </Link>
                  )}{' '}
                  {keptActionLabel(t, entry)} ·{' '}
                  {entry.state === 'waiting'
                    ? t('offline.outbox.waitingSince', { when: when(entry.createdAt) })
                    : t(entry.subject.kind === 'case' ? 'offline.outbox.refused' : 'offline.outbox.refusedBatch')}
                </li>
              ))}
            </ul>
            <p className="field-help">
              <FormattedMessage id={needsSignIn ? 'offline.outbox.needsSignIn' : 'offline.outbox.note'} />
            </p>
            {waiting > 0 ? (
              <button type="button" className="btn btn-secondary" onClick={sendNow} disabled={sending || needsSignIn}>
                <FormattedMessage id={sending ? 'offline.outbox.sending' : 'offline.outbox.sendNow'} />
              </button>
            ) : null}
          </div>
        </details>
      )}
    </div>
  );
}
