import { useTranslation } from 'react-i18next';

import { formatDate } from '@/components/ui/format';
import { TaskCard } from '@/components/ui/task-card';
import { paths } from '@/config/paths';
import { useReviewWaiting } from '@/features/content/api/start-tasks';

/** Content items that wait for a manager's review. */
export function ReviewWaiting() {
  const { t } = useTranslation();
  const queue = useReviewWaiting();
  const count = queue.data?.count;
  return (
    <TaskCard
      testId="start-review"
      title={t('start.review.title')}
      count={count}
      countLabel={t('start.waiting', { count: count ?? 0 })}
      tone={count ? 'attention' : 'ok'}
      isPending={queue.isPending}
      error={queue.error}
      to={paths.contentReview}
      linkLabel={t('start.review.link')}
    >
      {queue.data && queue.data.results.length === 0 && <p className="muted">{t('start.review.none')}</p>}
      {queue.data && queue.data.results.length > 0 && (
        <ul className="task-card__list">
          {queue.data.results.slice(0, 3).map((item) => (
            <li key={item.id}>
              <span className="task-card__item">{item.title}</span>
              <span className="muted"> · {formatDate(item.updated_at)}</span>
            </li>
          ))}
        </ul>
      )}
    </TaskCard>
  );
}
