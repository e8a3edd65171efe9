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
import { OfflineStatus } from './offline/status.js';
import { DashboardLinks, dashboardRoutes, useCapability } from './monitoring/nav.js';

// The first screen after sign-in is the case list; the others load when opened.
const CasePage = lazy(() => import('./case/case-page.js').then((m) => ({ default: m.CasePage })));
const NewCase = lazy(() => import('./screens/new-case.js').then((m) => ({ default: m.NewCase })));
const Inbox = lazy(() => import('./screens/inbox.js').then((m) => ({ default: m.Inbox })));
const BatchList = lazy(() => import('./batches/batch-list.js').then((m) => ({ default: m.BatchList })));
const PlanBatch = lazy(() => import('./batches/plan-batch.js').then((m) => ({ default: m.PlanBatch })));
const BatchPage = lazy(() => import('./batches/batch-page.js').then((m) => ({ default: m.BatchPage })));
const TransferList = lazy(() => import('./transfers/transfer-list.js').then((m) => ({ default: m.TransferList })));
const TransferPage = lazy(() => import('./transfers/transfer-page.js').then((m) => ({ default: m.TransferPage })));
/** NGO workers never see the suspect track (api/access.ts); the link is not offered to them. */
const SUSPECT_TRACK_HIDDEN = new Set(['ngo_worker']);

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
          <NavLink to="/batches">
            <FormattedMessage id="nav.batches" />
          </NavLink>
          {SUSPECT_TRACK_HIDDEN.has(me.role) ? null : (
            <NavLink to="/transfers">
              <FormattedMessage id="nav.transfers" />
            </NavLink>
          )}
          <DashboardLinks />
        </nav>
        <OfflineStatus />
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
      { path: '/batches', element: <BatchList /> },
      { path: '/batches/new', element: <PlanBatch /> },
      { path: '/batches/:batchId', element: <BatchPage /> },
      { path: '/transfers', element: <TransferList /> },
      { path: '/transfers/:caseId', element: <TransferPage /> },
      ...dashboardRoutes,
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
