import { useTranslation } from 'react-i18next';

import { formatDate } from '@/components/ui/format';
import { TaskCard } from '@/components/ui/task-card';
import { paths } from '@/config/paths';
import { useFailedMails } from '@/features/mail-outbox/api/failed-mails';

/** Mails the outbox gave up on (after its retries): someone did not get an invitation or a reset link. */
export function FailedMails() {
  const { t } = useTranslation();
  const failed = useFailedMails();
  const count = failed.data?.count;
  return (
    <TaskCard
      testId="start-mail"
      title={t('start.mail.title')}
      count={count}
      countLabel={t('start.failed', { count: count ?? 0 })}
      tone={count ? 'attention' : 'ok'}
      isPending={failed.isPending}
      error={failed.error}
      to={paths.adminMail}
      linkLabel={t('start.mail.link')}
    >
      {failed.data && failed.data.results.length === 0 && <p className="muted">{t('start.mail.none')}</p>}
      {failed.data && failed.data.results.length > 0 && (
        <ul className="task-card__list">
          {failed.data.results.slice(0, 3).map((mail) => (
            <li key={mail.id}>
              <span className="task-card__item">{mail.to}</span>
              <span className="muted"> · {formatDate(mail.created_at)}</span>
            </li>
          ))}
        </ul>
      )}
    </TaskCard>
  );
}
