/**
 * Who is signed in (GET /v1/me) and in which language the console speaks. The language is the
 * account's when signed in; before that the browser's, or the one last chosen on this device
 * (a language code is no personal data).
 */
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { createIntl, createIntlCache, RawIntlProvider } from 'react-intl';
import { api, ApiProblem, onSignedOut } from './api.js';
import { isLanguage, languageOf, loadIntlData, loadLanguage, preferredLanguage, type LanguageCode, type Messages } from './i18n/locales.js';
import type { Me } from './types.js';

const LANGUAGE_KEY = 'homeward.language';

interface Session {
  me: Me | null;
  loading: boolean;
  language: LanguageCode;
  setLanguage(code: LanguageCode): Promise<void>;
  signedIn(me: Me): void;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);
export const useSession = () => use(SessionContext)!;

function storedLanguage(): LanguageCode {
  const stored = localStorage.getItem(LANGUAGE_KEY);
  return isLanguage(stored) ? stored : preferredLanguage();
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const meQuery = useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return await api<Me>('GET', '/v1/me');
      } catch (error) {
        if (error instanceof ApiProblem && error.problem.status === 401) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
  const me = meQuery.data ?? null;
  const [language, setLanguageState] = useState<LanguageCode>(storedLanguage);
  const [messages, setMessages] = useState<{ code: LanguageCode; messages: Messages } | null>(null);
  /** Bumped when Intl data arrives: the formatters are made afresh (a new cache, see `intl`). */
  const [intlVersion, setIntlVersion] = useState(0);

  useEffect(() => onSignedOut(() => queryClient.setQueryData(['me'], null)), [queryClient]);
  useEffect(() => {
    if (me?.language && isLanguage(me.language) && me.language !== language) void switchTo(me.language);
    // Only when the account's language arrives or changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [me?.language]);
  useEffect(() => {
    let current = true;
    void loadLanguage(language).then((loaded) => current && setMessages({ code: language, messages: loaded }));
    void loadIntlData(language).then((installed) => current && installed && setIntlVersion((v) => v + 1));
    document.documentElement.lang = language;
    return () => {
      current = false;
    };
  }, [language]);

  const switchTo = useCallback(async (code: LanguageCode) => {
    localStorage.setItem(LANGUAGE_KEY, code);
    // Once Intl is polyfilled (km, lo, my) it has no data for the other languages: start afresh.
    if (!languageOf(code).polyfill) {
      const { isPolyfilled } = await import('./i18n/polyfills.js');
      if (isPolyfilled()) {
        location.reload();
        return;
      }
    }
    setLanguageState(code);
  }, []);

  const session = useMemo<Session>(
    () => ({
      me,
      loading: meQuery.isPending,
      language,
      async setLanguage(code) {
        if (me) {
          await api('PATCH', '/v1/me', { language: code });
          queryClient.setQueryData(['me'], { ...me, language: code });
        }
        await switchTo(code);
      },
      signedIn(signedInMe) {
        forgetAllBut(queryClient, 'me');
        queryClient.setQueryData(['me'], signedInMe);
      },
      async signOut() {
        await api('POST', '/v1/auth/sign-out').catch(() => undefined);
        forgetAllBut(queryClient, 'me');
        queryClient.setQueryData(['me'], null);
      },
    }),
    [me, meQuery.isPending, language, queryClient, switchTo],
  );

  // Made here rather than by IntlProvider so that Intl data arriving late gives new formatters (a
  // fresh cache) without re-mounting the screens: what a reader was typing stays where it is.
  const intl = useMemo(
    () =>
      messages
        ? createIntl(
            { locale: languageOf(messages.code).intl, messages: messages.messages, defaultLocale: 'en', onError: reportMissing },
            createIntlCache(),
          )
        : null,
    // intlVersion is the point: the same messages, formatted afresh once the Intl data is in.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [messages, intlVersion],
  );

  if (!intl) return null;
  return (
    <SessionContext value={session}>
      <RawIntlProvider value={intl}>{children}</RawIntlProvider>
    </SessionContext>
  );
}

/** A missing translation shows its key (the catalog test keeps that from shipping); say so in the console. */
function reportMissing(error: { code: string; message: string }) {
  if (error.code === 'MISSING_TRANSLATION') console.warn(error.message);
  else console.error(error.message);
}

/** Nothing one person read stays in memory for the next one on a shared computer. */
function forgetAllBut(queryClient: QueryClient, key: string) {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== key });
}
