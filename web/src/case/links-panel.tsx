/**
 * The cases linked to this one (victims of one operation, a suspect transfer, the same person on
 * the other track), and the forms to link another case or change the person's track - offered
 * only when the API says this reader may (`allowedRequests`), built from the routes' own schemas.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { Link, useNavigate } from 'react-router';
import { api } from '../api.js';
import { useTerms } from '../i18n/terms.js';
import type { CaseDetail, CaseLinks } from '../types-casework.js';
import { Loading } from '../ui/kit.js';
import { ActionForm } from './action-form.js';
import { caseNumber } from './process.js';
import { CASE_REQUESTS, useRequestSchema, type CaseRequest } from './schema.js';

export function LinksPanel({ detail, onRecorded }: { detail: CaseDetail; onRecorded: (type: string) => void }) {
  const { t, code, when } = useTerms();
  const links = useQuery({
    queryKey: ['case', detail.caseId, 'links'],
    queryFn: () => api<CaseLinks>('GET', `/v1/cases/${detail.caseId}/links`),
  });
  const requests = (detail.allowedRequests ?? []) as CaseRequest[];
  return (
    <section aria-labelledby="links-title" className="panel" id="links">
      <h2 id="links-title">
        <FormattedMessage id="links.title" />
      </h2>
      {links.isPending ? <Loading /> : null}
      {links.data && links.data.links.length === 0 ? (
        <p className="empty">
          <FormattedMessage id="links.none" />
        </p>
      ) : null}
      {links.data && links.data.links.length > 0 ? (
        <ul className="link-list" aria-labelledby="links-title">
          {links.data.links.map((l) => (
            <li key={l.caseId} data-linked={l.caseId}>
              <Link to={`/cases/${l.caseId}`}>
                <FormattedMessage id="case.title" values={{ number: caseNumber(l.caseId) }} />
              </Link>{' '}
              · {t(`caseKind.${l.kind}`)} · {code(l.stage)} · {t(`status.${l.status}`)}
              {l.outcome ? ` · ${code(l.outcome)}` : ''}
              {l.reason ? ` · ${t(`links.reason.${l.reason}`)}` : ''}
              <span className="meta">
                {' '}
                · <FormattedMessage id="links.since" values={{ when: when(l.linkedAt) }} />
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {requests.map((request) => (
        <RequestForm key={`${request}-${detail.version}`} detail={detail} request={request} onRecorded={onRecorded} />
      ))}
    </section>
  );
}

function RequestForm({ detail, request, onRecorded }: { detail: CaseDetail; request: CaseRequest; onRecorded: (type: string) => void }) {
  const schema = useRequestSchema(request);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  if (!schema) return null;
  const { form, path } = CASE_REQUESTS[request];
  return (
    <ActionForm
      detail={detail}
      type={form}
      schema={schema}
      open={false}
      onRecorded={onRecorded}
      target={{
        path,
        onAnswer: (answer) => {
          void queryClient.invalidateQueries({ queryKey: ['cases'] });
          // A track change opened the person's case on the other track: go there.
          const opened = (answer as { to?: { caseId?: string } } | undefined)?.to?.caseId;
          if (opened) void navigate(`/cases/${opened}`);
        },
      }}
    />
  );
}
