/**
 * The coordinators', auditors' and admins' screens in the console's frame: their routes (each
 * screen its own chunk, loaded when opened) and their links, shown only to a role the API lets use
 * them (`capabilities` of GET /v1/me, api/capabilities.ts).
 */
import { lazy } from 'react';
import { FormattedMessage } from 'react-intl';
import { NavLink, type RouteObject } from 'react-router';
import { useSession } from '../session.js';

const StalledCases = lazy(() => import('./stalled.js').then((m) => ({ default: m.StalledCases })));
const Flow = lazy(() => import('./flow.js').then((m) => ({ default: m.Flow })));
const Summary = lazy(() => import('./summary.js').then((m) => ({ default: m.Summary })));
const AuditLog = lazy(() => import('./audit-log.js').then((m) => ({ default: m.AuditLog })));
const Accounts = lazy(() => import('../admin/accounts.js').then((m) => ({ default: m.Accounts })));

export const dashboardRoutes: RouteObject[] = [
  { path: '/monitoring/stalled', element: <StalledCases /> },
  { path: '/monitoring/flow', element: <Flow /> },
  { path: '/monitoring/summary', element: <Summary /> },
  { path: '/audit', element: <AuditLog /> },
  { path: '/admin/accounts', element: <Accounts /> },
];

const LINKS = [
  { to: '/monitoring/stalled', id: 'monitoring.nav.stalled', capability: 'monitoring' },
  { to: '/monitoring/flow', id: 'monitoring.nav.flow', capability: 'monitoring' },
  { to: '/monitoring/summary', id: 'monitoring.nav.summary', capability: 'monitoring' },
  { to: '/audit', id: 'monitoring.nav.audit', capability: 'audit' },
  { to: '/admin/accounts', id: 'admin.nav.accounts', capability: 'accounts' },
];

/** Whether the signed-in person's role may use this part of the API. */
export function useCapability(capability: string): boolean {
  const { me } = useSession();
  return me?.capabilities?.includes(capability) ?? false;
}

export function DashboardLinks() {
  const { me } = useSession();
  return (
    <>
      {LINKS.filter((link) => me?.capabilities?.includes(link.capability)).map((link) => (
        <NavLink key={link.to} to={link.to}>
          <FormattedMessage id={link.id} />
        </NavLink>
      ))}
    </>
  );
}
