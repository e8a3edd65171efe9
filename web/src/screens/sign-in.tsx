/**
 * Sign-in: username and password, then the second factor (an authenticator code or a recovery
 * code) when the account has one, or its enrolment when the role requires one; single sign-on
 * for agencies whose ministry runs an identity provider.
 */
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage } from 'react-intl';
import { api, ApiProblem, type ProblemDocument } from '../api.js';
import { useTerms } from '../i18n/terms.js';
import { useSession } from '../session.js';
import type { SignInAnswer } from '../types.js';
import { Banner, Button, Field } from '../ui/kit.js';
import { LanguagePicker } from './language-picker.js';

type Step =
  | { kind: 'password' }
  | { kind: 'second_factor'; challenge: string }
  | { kind: 'enrol'; challenge: string; qrSvg?: string; secret?: string };

export function SignIn() {
  const { signedIn } = useSession();
  const { t, problem: problemText } = useTerms();
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [useRecovery, setUseRecovery] = useState(false);
  const [problem, setProblem] = useState<ProblemDocument | null>(null);
  const [busy, setBusy] = useState(false);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const providers = useQuery({
    queryKey: ['auth-providers'],
    queryFn: () => api<{ agencyId: string; name: string }[]>('GET', '/v1/auth/providers').catch(() => []),
    staleTime: Infinity,
  });

  async function answer(result: SignInAnswer & { recoveryCodes?: string[] }) {
    if (result.status === 'signed_in') {
      if (result.recoveryCodes?.length) {
        setRecoveryCodes(result.recoveryCodes);
        setStep({ kind: 'password' });
        pendingMe = result.me;
        return;
      }
      signedIn(result.me);
    } else if (result.status === 'second_factor_required') {
      setStep({ kind: 'second_factor', challenge: result.challenge });
    } else {
      const enrolment = await api<{ qrSvg?: string; secret?: string }>('POST', '/v1/auth/second-factor/enrol', {
        challenge: result.challenge,
      });
      setStep({ kind: 'enrol', challenge: result.challenge, ...enrolment });
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      if (step.kind === 'password') await answer(await api<SignInAnswer>('POST', '/v1/auth/sign-in', { username, password }));
      else if (step.kind === 'second_factor')
        await answer(
          await api<SignInAnswer>(
            'POST',
            '/v1/auth/second-factor',
            useRecovery ? { challenge: step.challenge, recoveryCode: code.trim() } : { challenge: step.challenge, code: code.trim() },
          ),
        );
      else
        await answer(
          await api<SignInAnswer>('POST', '/v1/auth/second-factor/enrol/confirm', { challenge: step.challenge, code: code.trim() }),
        );
      setCode('');
    } catch (error) {
      const refusal: ProblemDocument = error instanceof ApiProblem ? error.problem : { status: 0, code: 'network' };
      // An expired or used challenge cannot be answered again: back to the password, with the reason.
      if (refusal.code === 'invalid-challenge') {
        setStep({ kind: 'password' });
        setCode('');
        setUseRecovery(false);
      }
      setProblem(refusal);
    } finally {
      setBusy(false);
    }
  }

  if (recoveryCodes) {
    return (
      <main id="main" className="sign-in">
        <h1>
          <FormattedMessage id="signIn.recoveryCodesTitle" />
        </h1>
        <p>
          <FormattedMessage id="signIn.recoveryCodesHelp" />
        </p>
        <ul className="recovery-codes">
          {recoveryCodes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <Button onClick={() => pendingMe && signedIn(pendingMe)}>
          <FormattedMessage id="signIn.continue" />
        </Button>
      </main>
    );
  }

  return (
    <main id="main" className="sign-in">
      <div className="sign-in-top">
        <p className="brand">
          <FormattedMessage id="app.name" />
        </p>
        <LanguagePicker />
      </div>
      <h1>
        <FormattedMessage
          id={step.kind === 'password' ? 'signIn.title' : step.kind === 'enrol' ? 'signIn.enrolTitle' : 'signIn.secondFactorTitle'}
        />
      </h1>
      {problem ? <Banner kind="error">{problemText(problem)}</Banner> : null}
      <form onSubmit={(e) => void submit(e)} noValidate className="stack">
        {step.kind === 'password' ? (
          <>
            <Field label={t('signIn.username')} required>
              {({ id, describedBy }) => (
                <input
                  id={id}
                  aria-describedby={describedBy}
                  autoComplete="username"
                  value={username}
                  onChange={(e) => setUsername(e.target.value)}
                  required
                  autoFocus
                />
              )}
            </Field>
            <Field label={t('signIn.password')} required>
              {({ id, describedBy }) => (
                <input
                  id={id}
                  aria-describedby={describedBy}
                  type="password"
                  autoComplete="current-password"
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                  required
                />
              )}
            </Field>
          </>
        ) : (
          <>
            {step.kind === 'enrol' ? (
              <div className="enrol">
                <p>
                  <FormattedMessage id="signIn.enrolHelp" />
                </p>
                {step.qrSvg ? (
                  <img
                    alt={t('signIn.qrAlt')}
                    src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(step.qrSvg)}`}
                    width={200}
                    height={200}
                  />
                ) : null}
                {step.secret ? (
                  <p>
                    <FormattedMessage id="signIn.secret" /> <code>{step.secret}</code>
                  </p>
                ) : null}
              </div>
            ) : null}
            <Field
              label={t(useRecovery ? 'signIn.recoveryCode' : 'signIn.code')}
              help={t(useRecovery ? 'signIn.recoveryCodeHelp' : 'signIn.codeHelp')}
              required
            >
              {({ id, describedBy }) => (
                <input
                  id={id}
                  aria-describedby={describedBy}
                  inputMode={useRecovery ? 'text' : 'numeric'}
                  autoComplete="one-time-code"
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                  required
                  autoFocus
                />
              )}
            </Field>
            {step.kind === 'second_factor' ? (
              <Button kind="secondary" onClick={() => setUseRecovery(!useRecovery)}>
                <FormattedMessage id={useRecovery ? 'signIn.useCode' : 'signIn.useRecovery'} />
              </Button>
            ) : null}
          </>
        )}
        <Button type="submit" disabled={busy}>
          <FormattedMessage id={step.kind === 'password' ? 'signIn.submit' : 'signIn.verify'} />
        </Button>
      </form>
      {step.kind === 'password' && providers.data && providers.data.length > 0 ? (
        <section className="sso" aria-labelledby="sso-title">
          <h2 id="sso-title">
            <FormattedMessage id="signIn.sso" />
          </h2>
          <ul className="plain-list">
            {providers.data.map((p) => (
              <li key={p.agencyId}>
                <a className="btn btn-secondary" href={`/v1/auth/oidc/${encodeURIComponent(p.agencyId)}/start`}>
                  {p.name}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  );
}

/** The account signed in while its new recovery codes are on screen (kept in memory only). */
let pendingMe: Extract<SignInAnswer, { status: 'signed_in' }>['me'] | null = null;
