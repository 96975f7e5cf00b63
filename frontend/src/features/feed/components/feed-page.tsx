import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { Button } from '@/components/ui/button';
import { ErrorAlert, SuccessAlert } from '@/components/ui/error-alert';
import { formatDate } from '@/components/ui/format';
import { Card, EmptyState, PageHeader } from '@/components/ui/page';
import { SafeHtml } from '@/components/ui/safe-html';
import { Spinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import {
  FEED_PAGE_SIZE,
  useDismiss,
  useFeed,
  useUndismiss,
  type FeedItem,
  type FeedReason,
} from '@/features/feed/api/feed';
import { ShareDialog } from '@/features/feed/components/share-dialog';
import { languageName } from '@/lib/labels';
import { useDocumentTitle } from '@/lib/use-document-title';

const SUMMARY_TAGS = ['p', 'br', 'strong', 'b', 'em', 'i', 'ul', 'ol', 'li', 'a', 'blockquote'] as const;
const MAX_LIMIT = 50;

function ReasonText({ reason }: { reason: FeedReason }) {
  const { t } = useTranslation();
  return <>{t(`feed.reasons.${reason.code}`, { ...reason.params })}</>;
}

/** The version a card shows: the item in the reader's language, or one of its other language versions. */
export type FeedVersion = Pick<FeedItem, 'id' | 'language' | 'title' | 'summary' | 'url'>;

function FeedCard({ item, onShare, onDismissed }: { item: FeedItem; onShare: (version: FeedVersion) => void; onDismissed: (item: FeedItem) => void }) {
  const { t } = useTranslation();
  const dismiss = useDismiss();
  const [asking, setAsking] = useState(false);
  const versions: FeedVersion[] = [item, ...item.translations];
  const [shownId, setShownId] = useState(item.id);
  const shown = versions.find((version) => version.id === shownId) ?? item;
  const titleId = `feed-item-${String(item.id)}`;
  const topic = item.topics[0];
  return (
    <article className="card feed-card" aria-labelledby={titleId}>
      {item.image_url && <img className="feed-card__image" src={item.image_url} alt="" style={{ maxWidth: '100%', height: 'auto' }} />}
      <div className="feed-card__body">
        <p className="feed-card__meta">
          <span className="badge">{t(`feed.kinds.${item.kind}`, { defaultValue: item.kind })}</span>
          {item.published_at && <span className="muted"> {formatDate(item.published_at)}</span>}
        </p>
        {versions.length > 1 && (
          <p className="feed-card__languages" role="group" aria-label={t('feed.languages.label', { title: item.title })}>
            <span className="muted">{t('feed.languages.available')}</span>
            {versions.map((version) => (
              <Button
                key={version.id}
                size="small"
                variant={version.id === shown.id ? 'primary' : 'secondary'}
                aria-pressed={version.id === shown.id}
                lang={version.language}
                onClick={() => setShownId(version.id)}
              >
                {languageName(version.language)}
              </Button>
            ))}
          </p>
        )}
        <h2 className="feed-card__title" id={titleId} lang={shown.language}>
          <a href={shown.url} target="_blank" rel="noopener noreferrer">
            {shown.title}
          </a>
        </h2>
        <div lang={shown.language}>
          <SafeHtml as="div" className="feed-card__summary" html={shown.summary} allowedTags={SUMMARY_TAGS} />
        </div>
        {item.reasons.length > 0 && (
          <ul className="feed-card__reasons" aria-label={t('feed.whyLabel')}>
            {item.reasons.map((reason) => (
              <li key={reason.code} className={`reason reason--${reason.code}`}>
                <ReasonText reason={reason} />
              </li>
            ))}
          </ul>
        )}
        {item.topics.length > 0 && (
          <p className="feed-card__topics">
            <span className="visually-hidden">{t('feed.topics')}: </span>
            {item.topics.map((entry) => (
              <span key={entry.id} className="badge badge--muted">
                {entry.name}
              </span>
            ))}
          </p>
        )}
        <ErrorAlert error={dismiss.error} />
        <div className="feed-card__actions">
          <Button onClick={() => onShare(shown)} aria-label={t('feed.shareItem', { title: shown.title })}>
            {t('feed.share.action')}
          </Button>
          {!asking ? (
            <Button variant="secondary" onClick={() => setAsking(true)} aria-label={t('feed.notInterestedIn', { title: item.title })}>
              {t('feed.notInterested')}
            </Button>
          ) : (
            <span role="group" aria-label={t('feed.notInterestedIn', { title: item.title })}>
              <Button
                variant="secondary"
                size="small"
                isPending={dismiss.isPending}
                onClick={() => dismiss.mutate({ contentId: item.id, reason: 'item' }, { onSuccess: () => onDismissed(item) })}
              >
                {t('feed.dismissItem')}
              </Button>
              {topic && (
                <Button
                  variant="secondary"
                  size="small"
                  isPending={dismiss.isPending}
                  onClick={() =>
                    dismiss.mutate({ contentId: item.id, reason: 'topic', topic: topic.id }, { onSuccess: () => onDismissed(item) })
                  }
                >
                  {t('feed.dismissTopic', { topic: topic.name })}
                </Button>
              )}
              <Button variant="link" size="small" onClick={() => setAsking(false)}>
                {t('common.cancel')}
              </Button>
            </span>
          )}
        </div>
      </div>
    </article>
  );
}

export function FeedPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('feed.title'));
  const [limit, setLimit] = useState(FEED_PAGE_SIZE);
  const feed = useFeed(limit);
  const undo = useUndismiss();
  const [sharing, setSharing] = useState<FeedVersion | null>(null);
  const [dismissed, setDismissed] = useState<FeedItem | null>(null);
  return (
    <>
      <PageHeader
        title={t('feed.title')}
        description={t('feed.description')}
        actions={<Link to={paths.myShares}>{t('feed.myShares')}</Link>}
      />
      {dismissed && (
        <SuccessAlert>
          {t('feed.dismissed', { title: dismissed.title })}{' '}
          <Button
            variant="link"
            size="small"
            isPending={undo.isPending}
            onClick={() => undo.mutate(dismissed.id, { onSuccess: () => setDismissed(null) })}
          >
            {t('feed.undo')}
          </Button>
        </SuccessAlert>
      )}
      <ErrorAlert error={feed.error ?? undo.error} />
      {feed.isPending && <Spinner />}
      {feed.data && feed.data.results.length === 0 && (
        <Card>
          <EmptyState>{t('feed.empty')}</EmptyState>
        </Card>
      )}
      <div className="feed-list">
        {feed.data?.results.map((item) => (
          <FeedCard key={item.id} item={item} onShare={setSharing} onDismissed={setDismissed} />
        ))}
      </div>
      {feed.data?.has_more && limit < MAX_LIMIT && (
        <Button variant="secondary" isPending={feed.isFetching} onClick={() => setLimit(Math.min(limit + FEED_PAGE_SIZE, MAX_LIMIT))}>
          {t('feed.more')}
        </Button>
      )}
      {sharing && <ShareDialog contentId={sharing.id} title={sharing.title} onClose={() => setSharing(null)} />}
    </>
  );
}
