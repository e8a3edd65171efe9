/**
 * My agency's open tasks, overdue first, then by due date: claim one, give it to a colleague, or
 * open the case at the step the task is for.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link } from 'react-router';
import { api, ApiProblem, type ProblemDocument } from '../api.js';
import { caseNumber } from '../case/process.js';
import { useTerms } from '../i18n/terms.js';
import { useSession } from '../session.js';
import type { Colleague, InboxItem } from '../types-casework.js';
import { Deadline } from '../case/deadline.js';
import { Banner, Button, Loading } from '../ui/kit.js';

export function Inbox() {
  const { t, code, problem: problemText, intl } = useTerms();
  const { me } = useSession();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<ProblemDocument | null>(null);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const inbox = useQuery({ queryKey: ['inbox'], queryFn: () => api<{ items: InboxItem[] }>('GET', '/v1/inbox') });
  // My agency's people, by name: whom a task can be given to.
  const colleagues = useQuery({
    queryKey: ['colleagues'],
    queryFn: () => api<{ items: Colleague[] }>('GET', '/v1/colleagues'),
    staleTime: 60_000,
  });
  const give = useMutation({
    mutationFn: ({ taskId, userId }: { taskId: string; userId?: string }) =>
      userId ? api('POST', `/v1/tasks/${taskId}/assign`, { userId }) : api('POST', `/v1/tasks/${taskId}/claim`),
    onSuccess: () => {
      setProblem(null);
      return queryClient.invalidateQueries({ queryKey: ['inbox'] });
    },
    onError: (error) => setProblem(error instanceof ApiProblem ? error.problem : { status: 0, code: 'network' }),
  });
  const items = [...(inbox.data?.items ?? [])]
    .filter((i) => !overdueOnly || i.overdue)
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueAt.localeCompare(b.dueAt));

  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">
        <FormattedMessage id="inbox.title" />
      </h1>
      <label className="choice inline">
        <input type="checkbox" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} />
        <span>
          <FormattedMessage id="inbox.overdueOnly" />
        </span>
      </label>
      {problem ? <Banner kind="error">{problemText(problem)}</Banner> : null}
      {inbox.isPending ? <Loading /> : null}
      {inbox.data && items.length === 0 ? (
        <p className="empty">
          <FormattedMessage id="inbox.empty" />
        </p>
      ) : null}
      <ul className="card-list" aria-label={t('inbox.title')}>
        {items.map((task) => (
          <li key={task.taskId} className={`card task-card${task.overdue ? ' is-overdue' : ''}`} data-step={task.step}>
            <p className="task-title">{t(`step.${task.step}`)}</p>
            <p className="meta">
              <FormattedMessage id="inbox.case" values={{ number: caseNumber(task.caseId) }} /> · {code(task.stage)} ·{' '}
              {task.corridor
                .split('-')
                .map((c) => code(c))
                .join(' → ')}{' '}
              · {t(`ageGroup.${task.ageGroup}`)}
            </p>
            <p className={task.overdue ? 'overdue' : 'due'}>
              <Deadline dueAt={task.dueAt} overdue={task.overdue} /> ({intl.formatDate(task.dueAt, { dateStyle: 'medium' })})
            </p>
            <p className="meta" data-testid="assignee">
              <Assignment task={task} />
            </p>
            <div className="card-actions">
              <Link className="btn btn-primary" to={`/cases/${task.caseId}?step=${encodeURIComponent(task.step)}#actions`}>
                <FormattedMessage id="inbox.open" />
              </Link>
              {task.assignee !== me!.userId ? (
                <Button kind="secondary" onClick={() => give.mutate({ taskId: task.taskId })}>
                  <FormattedMessage id="inbox.claim" />
                </Button>
              ) : null}
              <AssignForm
                colleagues={(colleagues.data?.items ?? []).filter((c) => c.userId !== me!.userId && c.userId !== task.assignee)}
                onAssign={(userId) => give.mutate({ taskId: task.taskId, userId })}
              />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Who holds the task: "Assigned to me", "Assigned to Nok by Somchai", "Not assigned". */
function Assignment({ task }: { task: InboxItem }) {
  const { t } = useTerms();
  const { me } = useSession();
  if (!task.assignee) return <>{t('inbox.unassigned')}</>;
  const nameOf = (id: string | null | undefined, name: string | null | undefined) =>
    id === me!.userId ? t('inbox.me') : (name ?? t('inbox.someone'));
  const who = nameOf(task.assignee, task.assigneeName);
  if (!task.assignedBy || task.assignedBy === task.assignee) return <FormattedMessage id="inbox.assignedTo" values={{ who }} />;
  return <FormattedMessage id="inbox.assignedToBy" values={{ who, by: nameOf(task.assignedBy, task.assignedByName) }} />;
}

function AssignForm({ colleagues, onAssign }: { colleagues: Colleague[]; onAssign: (userId: string) => void }) {
  const { t } = useTerms();
  const [userId, setUserId] = useState('');
  if (colleagues.length === 0) return null;
  return (
    <form
      className="assign"
      onSubmit={(e) => {
        e.preventDefault();
        if (userId) onAssign(userId);
      }}
    >
      <label>
        <span>{t('inbox.colleague')}</span>
        <select value={userId} onChange={(e) => setUserId(e.target.value)}>
          <option value="">{t('form.choose')}</option>
          {colleagues.map((c) => (
            <option key={c.userId} value={c.userId}>
              {c.displayName}
            </option>
          ))}
        </select>
      </label>
      <Button type="submit" kind="secondary" disabled={!userId}>
        <FormattedMessage id="inbox.assign" />
      </Button>
    </form>
  );
}
