/**
 * The day at the crossing: the manifest (case number, nationality, sex, age group, travel document;
 * names only on each case's page, where the rules let the reader see them), each person's state on
 * both sides, and - for my side only, when the API offers it - "handed over" or "excluded, because"
 * for one person or many at once. Large targets for a tablet in the sun; pages of 50 rows.
 * Without a link, confirmations and exclusions are kept on the tablet and sent when it returns:
 * those people show as waiting to send, and the next ones can be confirmed meanwhile.
 */
import { useMemo, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link } from 'react-router';
import { EXCLUSION_REASONS } from '../../../domain/handover-batch/vocabulary.js';
import { caseNumber } from '../case/process.js';
import { useTerms } from '../i18n/terms.js';
import { useDeviceState } from '../offline/device-state.js';
import { isAbout, isKeptWaiting, KeptActions } from '../offline/kept-actions.js';
import { Banner, Button, Choices, Loading } from '../ui/kit.js';
import { useBatchCommand } from './command.js';
import { may, useManifest, useMembers, type Batch, type BatchMember, type ManifestEntry } from './model.js';

const PAGE = 50;
type Show = 'mine' | 'all' | 'handed_over' | 'excluded';
type Row = BatchMember & Partial<ManifestEntry>;

export function HandoverDay({ batch, side }: { batch: Batch; side: 'sending' | 'receiving' | null }) {
  const { t, code, problem, intl } = useTerms();
  const members = useMembers(batch);
  const manifest = useManifest(batch);
  const canConfirm = side !== null && may(batch, 'confirm_handover');
  const canExclude = may(batch, 'exclude');
  const confirm = useBatchCommand(batch.batchId, 'confirmations');
  const exclude = useBatchCommand(batch.batchId, 'exclusions');
  const [show, setShow] = useState<Show>(canConfirm ? 'mine' : 'all');
  const [page, setPage] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [excluding, setExcluding] = useState(false);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<{ kind: 'success' | 'info'; text: string } | null>(null);
  const { entries } = useDeviceState();
  // The people whose confirmation or exclusion waits on this tablet for the link.
  const keptHere = useMemo(() => {
    const kept = new Set<string>();
    for (const entry of entries)
      if (isKeptWaiting(entry) && isAbout(entry, { kind: 'batch', id: batch.batchId })) {
        const body = entry.body as { caseIds?: string[]; exclusions?: { caseId: string }[] };
        for (const id of body.caseIds ?? body.exclusions?.map((e) => e.caseId) ?? []) kept.add(id);
      }
    return kept;
  }, [entries, batch.batchId]);

  const rows = useMemo<Row[]>(() => {
    const lines = new Map((manifest.data?.entries ?? []).map((e) => [e.caseId, e]));
    return (members.data ?? []).filter((m) => m.status !== 'removed').map((m) => ({ ...lines.get(m.caseId), ...m }));
  }, [members.data, manifest.data]);
  const awaitsMe = (r: Row) =>
    side !== null && r.status === 'in_batch' && !(side === 'sending' ? r.sendingConfirmed : r.receivingConfirmed);
  const shown = rows.filter((r) => (show === 'mine' ? awaitsMe(r) : show === 'all' ? true : r.status === show));
  const actionable = (r: Row) => r.status === 'in_batch' && !keptHere.has(r.caseId);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE));
  const current = Math.min(page, pages - 1);
  const visible = shown.slice(current * PAGE, current * PAGE + PAGE);
  const mine = rows.filter((r) => awaitsMe(r) && actionable(r));
  const chosen = [...selected].filter((id) => rows.some((r) => r.caseId === id && actionable(r)));

  if (members.isPending) return <Loading />;

  const toggle = (id: string) => {
    const next = new Set(selected);
    if (!next.delete(id)) next.add(id);
    setSelected(next);
  };
  async function confirmPeople(caseIds: string[]) {
    setDone(null);
    const answer = await confirm.send({ side, caseIds });
    if (answer) setSelected(new Set());
    if (answer === 'kept') setDone({ kind: 'info', text: t('handover.keptConfirmed', { count: caseIds.length }) });
    else if (answer) setDone({ kind: 'success', text: t('handover.confirmed', { count: answer.result?.recorded ?? caseIds.length }) });
  }
  async function excludePeople() {
    setDone(null);
    const answer = await exclude.send({ exclusions: chosen.map((caseId) => ({ caseId, reason })) });
    if (answer) {
      const words = { count: chosen.length, reason: t(`exclusionReason.${reason}`) };
      setDone(
        answer === 'kept'
          ? { kind: 'info', text: t('handover.keptExcluded', words) }
          : { kind: 'success', text: t('handover.excludedDone', words) },
      );
      setSelected(new Set());
      setExcluding(false);
      setReason('');
    }
  }
  const tick = (yes: boolean) => <span className={`tick${yes ? ' tick-yes' : ''}`}>{yes ? t('handover.yes') : t('handover.notYet')}</span>;

  return (
    <section className="panel handover-day" aria-labelledby="manifest-title">
      <h2 id="manifest-title">
        <FormattedMessage id="handover.title" values={{ count: rows.length }} />
      </h2>
      <p className="field-help">
        {side ? <FormattedMessage id={`handover.yourSide.${side}`} /> : null} <FormattedMessage id="handover.namesHelp" />
      </p>
      {done ? <Banner kind={done.kind}>{done.text}</Banner> : null}
      <KeptActions subject={{ kind: 'batch', id: batch.batchId }} />
      {confirm.problem ? (
        <Banner kind="error" title={t('action.refused')}>
          {problem(confirm.problem)}
        </Banner>
      ) : null}
      {exclude.problem ? (
        <Banner kind="error" title={t('action.refused')}>
          {problem(exclude.problem)}
        </Banner>
      ) : null}

      <div className="segments" role="group" aria-label={t('handover.show')}>
        {(['mine', 'all', 'handed_over', 'excluded'] as const)
          .filter((s) => s !== 'mine' || side !== null)
          .map((s) => (
            <button
              key={s}
              data-show={s}
              type="button"
              className={`segment${show === s ? ' segment-on' : ''}`}
              aria-pressed={show === s}
              onClick={() => {
                setShow(s);
                setPage(0);
              }}
            >
              {t(`handover.show.${s}`, {
                count: s === 'mine' ? mine.length : s === 'all' ? rows.length : rows.filter((r) => r.status === s).length,
              })}
            </button>
          ))}
      </div>

      {canConfirm || canExclude ? (
        <div className="bulk-bar" role="group" aria-label={t('handover.bulk')}>
          <span className="bulk-count" aria-live="polite" data-testid="selected-count" data-count={chosen.length}>
            <FormattedMessage id="handover.selected" values={{ count: chosen.length }} />
          </span>
          {canConfirm ? (
            <Button
              kind="secondary"
              className="btn btn-secondary touch"
              onClick={() => setSelected(new Set(mine.map((r) => r.caseId)))}
              data-testid="select-mine"
              disabled={mine.length === 0}
            >
              <FormattedMessage id="handover.selectMine" values={{ count: mine.length }} />
            </Button>
          ) : null}
          {chosen.length > 0 ? (
            <Button kind="secondary" className="btn btn-secondary touch" onClick={() => setSelected(new Set())}>
              <FormattedMessage id="handover.clear" />
            </Button>
          ) : null}
          {canConfirm ? (
            <Button
              className="btn btn-primary touch"
              disabled={chosen.length === 0 || confirm.busy}
              onClick={() => void confirmPeople(chosen)}
              data-testid="confirm-selected"
            >
              <FormattedMessage id="handover.confirmSelected" values={{ count: chosen.length }} />
            </Button>
          ) : null}
          {canExclude ? (
            <Button
              kind="danger"
              className="btn btn-danger touch"
              disabled={chosen.length === 0}
              onClick={() => setExcluding(true)}
              data-testid="exclude-selected"
              aria-expanded={excluding}
            >
              <FormattedMessage id="handover.excludeSelected" values={{ count: chosen.length }} />
            </Button>
          ) : null}
        </div>
      ) : null}

      {excluding && chosen.length > 0 ? (
        <form
          className="stack exclusion"
          aria-label={t('handover.excludeTitle', { count: chosen.length })}
          onSubmit={(e) => {
            e.preventDefault();
            void excludePeople();
          }}
        >
          <Choices
            legend={t('handover.excludeTitle', { count: chosen.length })}
            name="exclusionReason"
            required
            value={reason}
            onChange={setReason}
            choices={EXCLUSION_REASONS.map((r) => ({ value: r, label: t(`exclusionReason.${r}`) }))}
          />
          <div className="bulk-bar">
            <Button
              type="submit"
              kind="danger"
              className="btn btn-danger touch"
              disabled={!reason || exclude.busy}
              data-testid="exclude-submit"
            >
              <FormattedMessage id="handover.excludeSubmit" values={{ count: chosen.length }} />
            </Button>
            <Button kind="secondary" className="btn btn-secondary touch" onClick={() => setExcluding(false)}>
              <FormattedMessage id="handover.back" />
            </Button>
          </div>
        </form>
      ) : null}

      <div className="table-wrap">
        <table className="manifest">
          <caption className="visually-hidden">{t('handover.caption')}</caption>
          <thead>
            <tr>
              {canConfirm || canExclude ? (
                <th scope="col">
                  <span className="visually-hidden">{t('handover.select')}</span>
                </th>
              ) : null}
              <th scope="col">{t('handover.col.case')}</th>
              <th scope="col">{t('handover.col.nationality')}</th>
              <th scope="col">{t('handover.col.person')}</th>
              <th scope="col">{t('handover.col.document')}</th>
              <th scope="col">{t('choice.sending')}</th>
              <th scope="col">{t('choice.receiving')}</th>
              <th scope="col">{t('handover.col.state')}</th>
              {canConfirm ? (
                <th scope="col">
                  <span className="visually-hidden">{t('handover.col.action')}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {visible.map((r) => {
              const number = caseNumber(r.caseId);
              return (
                <tr key={r.caseId} data-case={r.caseId} data-state={r.status} className={selected.has(r.caseId) ? 'row-selected' : ''}>
                  {canConfirm || canExclude ? (
                    <td className="select-cell">
                      {actionable(r) ? (
                        <label className="touch-check">
                          <input type="checkbox" checked={selected.has(r.caseId)} onChange={() => toggle(r.caseId)} />
                          <span className="visually-hidden">{t('handover.selectCase', { number })}</span>
                        </label>
                      ) : null}
                    </td>
                  ) : null}
                  <td>
                    <Link to={`/cases/${r.caseId}`} className="case-number">
                      {number}
                    </Link>
                  </td>
                  <td>{r.nationality ? code(r.nationality) : '—'}</td>
                  <td>{r.sex ? `${t(`sex.${r.sex}`)} · ${t(`ageGroup.${r.ageGroup}`)}` : '—'}</td>
                  <td>{r.travelDocument ? t(`travelDocument.${r.travelDocument}`) : '—'}</td>
                  <td>{tick(r.sendingConfirmed)}</td>
                  <td>{tick(r.receivingConfirmed)}</td>
                  <td>
                    <span className={`pill member-${keptHere.has(r.caseId) ? 'kept' : r.status}`}>
                      {keptHere.has(r.caseId)
                        ? t('handover.waitingToSend')
                        : r.status === 'excluded' && r.exclusionReason
                          ? t('handover.excludedBecause', { reason: t(`exclusionReason.${r.exclusionReason}`) })
                          : t(`memberStatus.${r.status}`)}
                    </span>
                  </td>
                  {canConfirm ? (
                    <td>
                      {awaitsMe(r) && actionable(r) ? (
                        <Button className="btn btn-primary touch" disabled={confirm.busy} onClick={() => void confirmPeople([r.caseId])}>
                          <FormattedMessage id="handover.handedOver" />
                          <span className="visually-hidden"> {number}</span>
                        </Button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {shown.length === 0 ? (
        <p>
          <FormattedMessage id="handover.nobody" />
        </p>
      ) : null}
      {pages > 1 ? (
        <nav className="pager" aria-label={t('cases.pages')}>
          <Button kind="secondary" className="btn btn-secondary touch" disabled={current === 0} onClick={() => setPage(current - 1)}>
            <FormattedMessage id="cases.previous" />
          </Button>
          <span>
            <FormattedMessage id="handover.page" values={{ page: intl.formatNumber(current + 1), pages: intl.formatNumber(pages) }} />
          </span>
          <Button kind="secondary" className="btn btn-secondary touch" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
            <FormattedMessage id="cases.next" />
          </Button>
        </nav>
      ) : null}
    </section>
  );
}
