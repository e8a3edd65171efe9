/** The console's frame: the header (who, agency, role, language, sign out) and its screens. */
import { lazy, Suspense } from 'react';
import { FormattedMessage } from 'react-intl';
import { createBrowserRouter, NavLink, Navigate, Outlet, RouterProvider } from 'react-router';
import { LanguagePicker } from './screens/language-picker.js';
import { SignIn } from './screens/sign-in.js';
import { useSession } from './session.js';
import { useTerms } from './i18n/terms.js';
import { Button, Loading } from './ui/kit.js';
import { CaseList } from './screens/case-list.js';
import { DashboardLinks, dashboardRoutes, useCapability } from './monitoring/nav.js';

// The first screen after sign-in is the case list; the others load when opened.
const CasePage = lazy(() => import('./case/case-page.js').then((m) => ({ default: m.CasePage })));
const NewCase = lazy(() => import('./screens/new-case.js').then((m) => ({ default: m.NewCase })));
const Inbox = lazy(() => import('./screens/inbox.js').then((m) => ({ default: m.Inbox })));

function Frame() {
  const { me, loading, signOut } = useSession();
  const { t, code } = useTerms();
  const mayAct = useCapability('cases.act');
  if (loading) return <Loading />;
  if (!me) return <SignIn />;
  return (
    <>
      <a className="skip-link" href="#main">
        <FormattedMessage id="nav.skip" />
      </a>
      <header className="app-header">
        <div className="brand">
          <FormattedMessage id="app.name" />
        </div>
        <nav aria-label={t('nav.label')} className="main-nav">
          <NavLink to="/cases" end>
            <FormattedMessage id="nav.cases" />
          </NavLink>
          <NavLink to="/inbox">
            <FormattedMessage id="nav.inbox" />
          </NavLink>
          {mayAct ? (
            <NavLink to="/new-case">
              <FormattedMessage id="nav.newCase" />
            </NavLink>
          ) : null}
          <DashboardLinks />
        </nav>
        <div className="account">
          <LanguagePicker />
          <Button kind="secondary" onClick={() => void signOut()}>
            <FormattedMessage id="nav.signOut" />
          </Button>
        </div>
        <div className="who" data-testid="who">
          <span className="who-name">{me.displayName}</span>
          <span className="who-detail">
            {me.agency.name} · {code(me.agency.country)} · <FormattedMessage id={`role.${me.role}`} />
          </span>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}

const router = createBrowserRouter([
  {
    element: <Frame />,
    children: [
      { path: '/', element: <Navigate to="/cases" replace /> },
      { path: '/sign-in', element: <Navigate to="/cases" replace /> },
      { path: '/cases', element: <CaseList /> },
      { path: '/cases/:caseId', element: <CasePage /> },
      { path: '/new-case', element: <NewCase /> },
      { path: '/inbox', element: <Inbox /> },
      ...dashboardRoutes,
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
