import { useTranslation } from 'react-i18next';

import { formatDate } from '@/components/ui/format';
import { TaskCard } from '@/components/ui/task-card';
import { paths } from '@/config/paths';
import { usePendingInvitations } from '@/features/invitations/api/pending-invitations';

/** Invitations still waiting to be accepted, with the date each one expires. */
export function PendingInvitations() {
  const { t } = useTranslation();
  const invitations = usePendingInvitations();
  const count = invitations.data?.count;
  return (
    <TaskCard
      testId="start-invitations"
      title={t('start.invitations.title')}
      count={count}
      countLabel={t('start.pending', { count: count ?? 0 })}
      tone={count ? 'attention' : 'ok'}
      isPending={invitations.isPending}
      error={invitations.error}
      to={paths.adminInvitations}
      linkLabel={t('start.invitations.link')}
    >
      {invitations.data && invitations.data.results.length === 0 && <p className="muted">{t('start.invitations.none')}</p>}
      {invitations.data && invitations.data.results.length > 0 && (
        <ul className="task-card__list">
          {invitations.data.results.slice(0, 3).map((invitation) => (
            <li key={invitation.id}>
              <span className="task-card__item">{invitation.email}</span>
              <span className="muted"> · {t('start.invitations.expires', { date: formatDate(invitation.expires_at) })}</span>
            </li>
          ))}
        </ul>
      )}
    </TaskCard>
  );
}
