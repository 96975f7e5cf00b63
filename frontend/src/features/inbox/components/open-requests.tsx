import { useTranslation } from 'react-i18next';

import { formatDate } from '@/components/ui/format';
import { TaskCard } from '@/components/ui/task-card';
import { paths } from '@/config/paths';
import { useInbox, useTriage } from '@/features/inbox/api/contact-requests';

const SHOWN = 3;

/**
 * Contact requests that wait for an answer: the person's own (`mine`), or for managers the ones that wait
 * for triage (`triage`).
 */
export function OpenRequests({ scope }: { scope: 'mine' | 'triage' }) {
  const { t } = useTranslation();
  const query = { status: 'new' as const, page_size: SHOWN };
  const mine = useInbox(query, scope === 'mine');
  const triage = useTriage(query, scope === 'triage');
  const result = scope === 'mine' ? mine : triage;
  const count = result.data?.count;
  return (
    <TaskCard
      testId={scope === 'mine' ? 'start-requests' : 'start-triage'}
      title={t(scope === 'mine' ? 'start.requests.title' : 'start.triage.title')}
      count={count}
      countLabel={t('start.waiting', { count: count ?? 0 })}
      tone={count ? 'attention' : 'ok'}
      isPending={result.isPending}
      error={result.error}
      to={paths.inbox}
      linkLabel={t(scope === 'mine' ? 'start.requests.link' : 'start.triage.link')}
    >
      {result.data && result.data.results.length === 0 && (
        <p className="muted">{t(scope === 'mine' ? 'start.requests.none' : 'start.triage.none')}</p>
      )}
      {result.data && result.data.results.length > 0 && (
        <ul className="task-card__list">
          {result.data.results.slice(0, SHOWN).map((request) => (
            <li key={request.id}>
              <span className="task-card__item">{request.organisation ? `${request.name} (${request.organisation})` : request.name}</span>
              <span className="muted"> · {formatDate(request.created_at)}</span>
            </li>
          ))}
        </ul>
      )}
    </TaskCard>
  );
}
