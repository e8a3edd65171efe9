/**
 * An agency admin's accounts screen: the agency's accounts with their role, status, second factor
 * and last use; add an account (the answer is a one-time link that sets its password, handed to
 * the person - no password is typed here or sent anywhere); change a role; disable or enable;
 * unlock after failed sign-ins; a new password link. Every change goes through /v1/users.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage } from 'react-intl';
import { api, ApiProblem, type ProblemDocument } from '../api.js';
import { LANGUAGES } from '../i18n/locales.js';
import { useTerms } from '../i18n/terms.js';
import { useSession } from '../session.js';
import { Banner, Button, Field, Loading } from '../ui/kit.js';
import '../monitoring/monitoring.css';

const ROLES = ['caseworker', 'ngo_worker', 'coordinator', 'approver', 'auditor', 'admin'] as const;

interface Account {
  userId: string;
  username: string;
  displayName: string;
  role: string;
  language: string;
  status: string;
  secondFactorEnrolled: boolean;
  singleSignOn: boolean;
  createdAt: string;
  lastSeenAt: string | null;
}

type Outcome = { kind: 'done'; message: string; link?: { url: string; expiresAt: string } } | { kind: 'refused'; problem: ProblemDocument };

export function Accounts() {
  const { t, problem, intl } = useTerms();
  const { me } = useSession();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const accounts = useQuery({ queryKey: ['admin', 'users'], queryFn: () => api<{ items: Account[] }>('GET', '/v1/users') });
  const change = useMutation({
    mutationFn: async (run: () => Promise<Outcome>) => run(),
    onSuccess: (result) => {
      setOutcome(result);
      return queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
    },
    onError: (error) =>
      setOutcome({ kind: 'refused', problem: error instanceof ApiProblem ? error.problem : { status: 0, code: 'network' } }),
  });
  const act = (run: () => Promise<Outcome>) => change.mutate(run);

  const linkFor = (account: Account) =>
    act(async () => {
      const link = await api<{ resetUrl: string; expiresAt: string }>('POST', `/v1/users/${account.userId}/reset-password`);
      return {
        kind: 'done',
        message: t('admin.done.link', { name: account.displayName }),
        link: { url: link.resetUrl, expiresAt: link.expiresAt },
      };
    });
  const simple = (account: Account, verb: 'disable' | 'enable' | 'unlock') =>
    act(async () => {
      await api('POST', `/v1/users/${account.userId}/${verb}`);
      return { kind: 'done', message: t(`admin.done.${verb}`, { name: account.displayName }) };
    });
  const setRole = (account: Account, role: string) =>
    act(async () => {
      await api('PATCH', `/v1/users/${account.userId}`, { role });
      return { kind: 'done', message: t('admin.done.role', { name: account.displayName, role: t(`role.${role}`) }) };
    });

  return (
    <section aria-labelledby="accounts-title">
      <h1 id="accounts-title">
        <FormattedMessage id="admin.title" values={{ agency: me!.agency.name }} />
      </h1>
      {outcome?.kind === 'done' ? (
        <Banner kind="success">
          <p>{outcome.message}</p>
          {outcome.link ? (
            <>
              <p>
                <FormattedMessage
                  id="admin.linkHelp"
                  values={{ expires: intl.formatDate(outcome.link.expiresAt, { dateStyle: 'medium', timeStyle: 'short' }) }}
                />
              </p>
              <p className="one-time-link" data-testid="reset-link">
                {outcome.link.url}
              </p>
            </>
          ) : null}
        </Banner>
      ) : null}
      {outcome?.kind === 'refused' ? <Banner kind="error">{problem(outcome.problem)}</Banner> : null}
      <NewAccount
        onCreate={(body) =>
          act(async () => {
            const created = await api<{ user: Account; resetUrl?: string; expiresAt?: string }>('POST', '/v1/users', body);
            return {
              kind: 'done',
              message: t('admin.done.created', { name: created.user.displayName }),
              ...(created.resetUrl ? { link: { url: created.resetUrl, expiresAt: created.expiresAt ?? '' } } : {}),
            };
          })
        }
      />
      {accounts.isPending ? <Loading /> : null}
      {accounts.error ? (
        <Banner kind="error">{problem(accounts.error instanceof ApiProblem ? accounts.error.problem : { status: 0 })}</Banner>
      ) : null}
      {accounts.data ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="accounts-caption">
          <table className="data-table" data-testid="accounts-table">
            <caption id="accounts-caption">
              <FormattedMessage id="admin.caption" values={{ count: accounts.data.items.length }} />
            </caption>
            <thead>
              <tr>
                {['person', 'role', 'status', 'lastSeen', 'actions'].map((col) => (
                  <th scope="col" key={col}>
                    {t(`admin.col.${col}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {accounts.data.items.map((account) => (
                <AccountRow
                  key={account.userId}
                  account={account}
                  self={account.userId === me!.userId}
                  onRole={(role) => setRole(account, role)}
                  onStatus={() => simple(account, account.status === 'disabled' ? 'enable' : 'disable')}
                  onUnlock={() => simple(account, 'unlock')}
                  onLink={() => linkFor(account)}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function AccountRow({
  account,
  self,
  onRole,
  onStatus,
  onUnlock,
  onLink,
}: {
  account: Account;
  self: boolean;
  onRole: (role: string) => void;
  onStatus: () => void;
  onUnlock: () => void;
  onLink: () => void;
}) {
  const { t, intl } = useTerms();
  const [role, setRole] = useState(account.role);
  const roleId = `role-${account.userId}`;
  return (
    <tr data-user={account.username}>
      <th scope="row">
        {account.displayName}
        <span className="meta"> · {account.username}</span>
        <span className="meta">
          {' '}
          · {account.singleSignOn ? t('admin.sso') : account.secondFactorEnrolled ? t('admin.secondFactorOn') : t('admin.secondFactorOff')}
        </span>
      </th>
      <td>
        <div className="row-actions">
          <label htmlFor={roleId} className="visually-hidden">
            {t('admin.roleOf', { name: account.displayName })}
          </label>
          <select id={roleId} value={role} onChange={(e) => setRole(e.target.value)} disabled={self}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
          {role !== account.role ? (
            <Button kind="secondary" onClick={() => onRole(role)}>
              {t('admin.saveRole')}
            </Button>
          ) : null}
        </div>
      </td>
      <td>
        <span className={`pill status-${account.status === 'disabled' ? 'closed' : 'open'}`}>{t(`admin.status.${account.status}`)}</span>
      </td>
      <td>{account.lastSeenAt ? intl.formatDate(account.lastSeenAt, { dateStyle: 'medium', timeStyle: 'short' }) : t('admin.never')}</td>
      <td>
        <div className="row-actions">
          {self ? null : (
            <Button kind={account.status === 'disabled' ? 'secondary' : 'danger'} onClick={onStatus}>
              {t(account.status === 'disabled' ? 'admin.enable' : 'admin.disable')}
            </Button>
          )}
          <Button kind="secondary" onClick={onUnlock}>
            {t('admin.unlock')}
          </Button>
          {account.singleSignOn ? null : (
            <Button kind="secondary" onClick={onLink}>
              {t('admin.resetLink')}
            </Button>
          )}
        </div>
      </td>
    </tr>
  );
}

function NewAccount({ onCreate }: { onCreate: (body: { username: string; displayName: string; role: string; language: string }) => void }) {
  const { t } = useTerms();
  const [form, setForm] = useState({ username: '', displayName: '', role: 'caseworker', language: 'en' });
  function submit(event: FormEvent) {
    event.preventDefault();
    onCreate({ ...form, username: form.username.trim(), displayName: form.displayName.trim() });
    setForm({ ...form, username: '', displayName: '' });
  }
  return (
    <details className="dash-section figures" data-testid="new-account">
      <summary>
        <FormattedMessage id="admin.new.title" />
      </summary>
      <form onSubmit={submit}>
        <p className="field-help">
          <FormattedMessage id="admin.new.help" />
        </p>
        <Field name="username" label={t('signIn.username')} help={t('admin.new.usernameHelp')} required>
          {({ id, describedBy }) => (
            <input
              id={id}
              aria-describedby={describedBy}
              required
              value={form.username}
              onChange={(e) => setForm({ ...form, username: e.target.value })}
              autoComplete="off"
            />
          )}
        </Field>
        <Field name="displayName" label={t('admin.new.displayName')} required>
          {({ id }) => (
            <input id={id} required value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />
          )}
        </Field>
        <Field name="role" label={t('admin.col.role')}>
          {({ id }) => (
            <select id={id} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="language" label={t('nav.language')}>
          {({ id }) => (
            <select id={id} value={form.language} onChange={(e) => setForm({ ...form, language: e.target.value })}>
              {LANGUAGES.map((l) => (
                <option key={l.code} value={l.code} lang={l.code}>
                  {l.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Button type="submit">
          <FormattedMessage id="admin.new.submit" />
        </Button>
      </form>
    </details>
  );
}
