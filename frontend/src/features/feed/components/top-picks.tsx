import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { Button } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { Icon } from '@/components/ui/icons';
import { EmptyState } from '@/components/ui/page';
import { Spinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { useFeed, type FeedItem } from '@/features/feed/api/feed';
import { ShareDialog } from '@/features/feed/components/share-dialog';

/** The start page's first answer to "what now?": the top recommended items, each one tap from the share dialog. */
export function TopPicks({ limit = 3 }: { limit?: number }) {
  const { t } = useTranslation();
  const feed = useFeed(limit);
  const [sharing, setSharing] = useState<FeedItem | null>(null);
  const items = feed.data?.results.slice(0, limit) ?? [];
  return (
    <section className="card top-picks" aria-labelledby="top-picks-title" data-testid="top-picks">
      <div className="top-picks__head">
        <h3 className="card__title" id="top-picks-title">
          {t('start.topPicks.title')}
        </h3>
        <Link className="task-card__link" to={paths.feed}>
          {t('start.topPicks.all')}
        </Link>
      </div>
      {feed.isPending && <Spinner />}
      <ErrorAlert error={feed.error} />
      {feed.data && items.length === 0 && <EmptyState>{t('start.topPicks.empty')}</EmptyState>}
      <ol className="top-picks__list">
        {items.map((item) => {
          const reason = item.reasons[0];
          return (
            <li key={item.id} className="top-pick">
              <div className="top-pick__text">
                <a className="top-pick__title" href={item.url} target="_blank" rel="noopener noreferrer">
                  {item.title}
                </a>
                {reason && <p className="top-pick__reason muted">{t(`feed.reasons.${reason.code}`, { ...reason.params })}</p>}
              </div>
              <Button className="top-pick__share" onClick={() => setSharing(item)} aria-label={t('feed.shareItem', { title: item.title })}>
                <Icon name="share" size={18} />
                {t('feed.share.action')}
              </Button>
            </li>
          );
        })}
      </ol>
      {sharing && <ShareDialog contentId={sharing.id} title={sharing.title} onClose={() => setSharing(null)} />}
    </section>
  );
}
