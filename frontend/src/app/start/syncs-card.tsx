import { useTranslation } from 'react-i18next';

import { TaskCard } from '@/components/ui/task-card';
import { paths } from '@/config/paths';
import { useFailingSources } from '@/features/content/api/start-tasks';
import { useFeeds } from '@/features/monitoring/api/monitoring';

/** Imports that stopped working: company content sources and monitoring feeds whose last fetch failed. */
export function SyncsCard() {
  const { t } = useTranslation();
  const sources = useFailingSources();
  const feeds = useFeeds();
  const failingFeeds = (feeds.data ?? []).filter((feed) => feed.active && feed.last_fetch_status === 'error');
  const count = sources.data && feeds.data ? sources.data.length + failingFeeds.length : undefined;
  return (
    <TaskCard
      testId="start-syncs"
      title={t('start.syncs.title')}
      count={count}
      countLabel={t('start.failed', { count: count ?? 0 })}
      tone={count ? 'attention' : 'ok'}
      isPending={sources.isPending || feeds.isPending}
      error={sources.error ?? feeds.error}
      to={sources.data?.length ? paths.contentSources : paths.mentions}
      linkLabel={t(sources.data?.length ? 'start.syncs.sourcesLink' : 'start.syncs.feedsLink')}
    >
      {count === 0 && <p className="muted">{t('start.syncs.none')}</p>}
      {!!count && (
        <ul className="task-card__list">
          {sources.data?.map((source) => (
            <li key={`source-${String(source.id)}`}>
              <span className="task-card__item">{source.name}</span>
              <span className="muted"> · {t('start.syncs.contentSource')}</span>
            </li>
          ))}
          {failingFeeds.map((feed) => (
            <li key={`feed-${String(feed.id)}`}>
              <span className="task-card__item">{feed.name}</span>
              <span className="muted"> · {t('start.syncs.monitoringFeed')}</span>
            </li>
          ))}
        </ul>
      )}
    </TaskCard>
  );
}
