/**
 * Planning a draft batch (the sending agency): the people on it, the cases ready to join (on the
 * corridor, at the handover stage, in no other batch), and the lock that issues the notice.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link } from 'react-router';
import { NOTICE_LEAD_DAYS } from '../../../domain/handover-batch/vocabulary.js';
import { api } from '../api.js';
import { caseNumber } from '../case/process.js';
import { useTerms } from '../i18n/terms.js';
import { Banner, Button, Loading } from '../ui/kit.js';
import { useBatchCommand } from './command.js';
import { may, useMembers, type Batch, type Candidate } from './model.js';

export function Planning({ batch }: { batch: Batch }) {
  const { t, problem } = useTerms();
  const members = useMembers(batch);
  const canChange = may(batch, 'change_members');
  const candidates = useQuery({
    queryKey: ['batch', batch.batchId, 'candidates', batch.version],
    enabled: canChange,
    queryFn: () => api<{ items: Candidate[] }>('GET', `/v1/batches/${batch.batchId}/candidates?limit=1000`),
  });
  const change = useBatchCommand(batch.batchId, 'cases');
  const lock = useBatchCommand(batch.batchId, 'lock');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [removing, setRemoving] = useState<Set<string>>(new Set());
  const people = (members.data ?? []).filter((m) => m.status === 'in_batch');
  const ready = candidates.data?.items ?? [];

  const toggle = (set: Set<string>, update: (s: Set<string>) => void, id: string) => {
    const next = new Set(set);
    if (!next.delete(id)) next.add(id);
    update(next);
  };
  const add = async () => {
    if (await change.send({ add: [...chosen] })) setChosen(new Set());
  };
  const remove = async () => {
    if (await change.send({ remove: [...removing] })) setRemoving(new Set());
  };

  return (
    <>
      <section className="panel" aria-labelledby="people-title">
        <h2 id="people-title">
          <FormattedMessage id="batch.people" values={{ count: people.length }} />
        </h2>
        {change.problem ? (
          <Banner kind="error" title={t('action.refused')}>
            {problem(change.problem)}
          </Banner>
        ) : null}
        {people.length === 0 ? (
          <p>
            <FormattedMessage id="batch.noPeople" />
          </p>
        ) : (
          <ul className="pick-list" aria-labelledby="people-title">
            {people.map((m) => (
              <li key={m.caseId}>
                {canChange ? (
                  <label className="pick">
                    <input type="checkbox" checked={removing.has(m.caseId)} onChange={() => toggle(removing, setRemoving, m.caseId)} />
                    <span>
                      <FormattedMessage id="inbox.case" values={{ number: caseNumber(m.caseId) }} />
                    </span>
                  </label>
                ) : (
                  <FormattedMessage id="inbox.case" values={{ number: caseNumber(m.caseId) }} />
                )}
              </li>
            ))}
          </ul>
        )}
        {canChange && removing.size > 0 ? (
          <Button kind="secondary" className="btn btn-secondary touch" disabled={change.busy} onClick={() => void remove()}>
            <FormattedMessage id="batch.remove" values={{ count: removing.size }} />
          </Button>
        ) : null}
      </section>

      {canChange ? (
        <section className="panel" aria-labelledby="ready-title">
          <h2 id="ready-title">
            <FormattedMessage id="batch.ready" values={{ count: ready.length }} />
          </h2>
          <p className="field-help">
            <FormattedMessage id="batch.readyHelp" />
          </p>
          {candidates.isPending ? <Loading /> : null}
          {ready.length > 0 ? (
            <>
              <div className="bulk-bar">
                <Button
                  kind="secondary"
                  className="btn btn-secondary touch"
                  onClick={() => setChosen(new Set(ready.map((c) => c.caseId)))}
                  data-testid="select-ready"
                >
                  <FormattedMessage id="batch.selectAll" values={{ count: ready.length }} />
                </Button>
                <Button
                  className="btn btn-primary touch"
                  disabled={chosen.size === 0 || change.busy}
                  onClick={() => void add()}
                  data-testid="add-selected"
                >
                  <FormattedMessage id="batch.add" values={{ count: chosen.size }} />
                </Button>
              </div>
              <ul className="pick-list">
                {ready.map((c) => (
                  <li key={c.caseId} data-candidate={c.caseId}>
                    <label className="pick">
                      <input type="checkbox" checked={chosen.has(c.caseId)} onChange={() => toggle(chosen, setChosen, c.caseId)} />
                      <span>
                        <FormattedMessage id="inbox.case" values={{ number: caseNumber(c.caseId) }} /> · {t(`sex.${c.sex}`)} ·{' '}
                        {t(`ageGroup.${c.ageGroup}`)} · {t(`travelDocument.${c.travelDocument}`)}
                      </span>
                    </label>
                    <Link to={`/cases/${c.caseId}`} className="pick-open">
                      <FormattedMessage id="batch.openCase" />
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          ) : candidates.isSuccess ? (
            <p>
              <FormattedMessage id="batch.noneReady" />
            </p>
          ) : null}
        </section>
      ) : null}

      {/* Shown to the planning agency even when the rules refuse the lock now: the refusal says why. */}
      {may(batch, 'lock') || may(batch, 'cancel') ? (
        <section className="panel" aria-labelledby="lock-title">
          <h2 id="lock-title">
            <FormattedMessage id="batch.lockTitle" />
          </h2>
          <p>
            <FormattedMessage id="batch.lockHelp" values={{ days: NOTICE_LEAD_DAYS }} />
          </p>
          {lock.problem ? (
            <Banner kind="error" title={t('batch.lockRefused')}>
              <span data-testid="lock-refusal">{problem(lock.problem)}</span>
            </Banner>
          ) : null}
          <Button className="btn btn-primary touch" disabled={lock.busy} onClick={() => void lock.send({})} data-testid="lock">
            <FormattedMessage id="batch.lock" />
          </Button>
        </section>
      ) : null}
    </>
  );
}
