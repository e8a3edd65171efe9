/**
 * The case's offline panel: the case's actions that wait on this device and the refusals that came
 * back for them later (kept-actions.tsx), a note
 * when the case is shown from the copy kept on the device, and the mark "keep this case on this
 * device for offline use" (only then are its details, the person's included, kept).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { useTerms } from '../i18n/terms.js';
import { Banner } from '../ui/kit.js';
import { useDeviceState } from './device-state.js';
import { markForOffline, unmarkForOffline } from './keeping.js';
import { KeptActions } from './kept-actions.js';
import './offline.css';

export function OfflineCasePanel({ caseId }: { caseId: string }) {
  const { marked, fromCopy } = useDeviceState();
  const { t, when } = useTerms();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const markId = useId();
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
      <KeptActions subject={{ kind: 'case', id: caseId }} />
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
