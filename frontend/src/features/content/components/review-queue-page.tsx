import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { TextAreaField } from '@/components/ui/textarea';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { ErrorAlert } from '@/components/ui/error-alert';
import { formatDateTime } from '@/components/ui/format';
import { Card, EmptyState, PageHeader } from '@/components/ui/page';
import { Pagination } from '@/components/ui/pagination';
import { Spinner } from '@/components/ui/spinner';
import { DEFAULT_PAGE_SIZE } from '@/config/constants';
import { paths } from '@/config/paths';
import { useContentSettings, useReviewQueue, useTransition, type ContentItem } from '@/features/content/api/content';
import { ApprovalSettings } from '@/features/content/components/approval-settings';
import { ContentNav } from '@/features/content/components/content-nav';
import { useCurrentUser } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/use-document-title';

/** Approve or send back an item in review, with an optional comment, right from the queue. */
function QuickReview({ item, mayApproveOwn }: { item: ContentItem; mayApproveOwn: boolean }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const transition = useTransition(item.id);
  const [comment, setComment] = useState('');
  if (item.status !== 'in_review') return null;
  const mayApprove = mayApproveOwn || item.created_by?.id !== me.id;
  return (
    <div className="form">
      <TextAreaField
        label={t('content.review.commentFor', { title: item.title })}
        rows={2}
        value={comment}
        onChange={(event) => setComment(event.target.value)}
      />
      {!mayApprove && <p className="muted">{t('content.workflow.fourEyes')}</p>}
      <div className="form__actions">
        {mayApprove && (
          <Button size="small" isPending={transition.isPending && transition.variables.action === 'approve'} onClick={() => transition.mutate({ action: 'approve', comment })}>
            {t('content.workflow.actions.approve')}
          </Button>
        )}
        <Button
          size="small"
          variant="secondary"
          isPending={transition.isPending && transition.variables.action === 'request_changes'}
          onClick={() => transition.mutate({ action: 'request_changes', comment })}
        >
          {t('content.workflow.actions.request_changes')}
        </Button>
      </div>
      <ErrorAlert error={transition.error} />
    </div>
  );
}

export function ReviewQueuePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('content.review.title'));
  const [page, setPage] = useState(1);
  const queue = useReviewQueue(page);
  const settings = useContentSettings();
  const mayApproveOwn = settings.data?.allow_self_approval === true;
  return (
    <>
      <PageHeader title={t('content.review.title')} description={t('content.review.description')} />
      <ContentNav />
      <Card>
        <ErrorAlert error={queue.error} />
        {queue.isPending && <Spinner />}
        {queue.data?.results.length === 0 && <EmptyState>{t('content.review.empty')}</EmptyState>}
        <ul className="review-list">
          {queue.data?.results.map((item) => (
            <li key={item.id} className="review-list__item">
              <Link to={paths.contentItem(item.id)} lang={item.language}>{item.title}</Link>{' '}
              <span className={`badge badge--content-${item.status}`}>{t(`content.status.${item.status}`)}</span>
              <p className="muted">
                {item.suggested_by
                  ? t('content.suggestedBy', { name: item.suggested_by.full_name })
                  : item.source_id
                    ? t('content.review.fromFeed')
                    : item.reviewer
                      ? t('content.review.reviewer', { name: item.reviewer.full_name })
                      : t('content.review.noReviewer')}{' '}
                · {formatDateTime(item.updated_at)}
              </p>
              {item.suggestion_note && <blockquote>{item.suggestion_note}</blockquote>}
              <QuickReview item={item} mayApproveOwn={mayApproveOwn} />
            </li>
          ))}
        </ul>
        {queue.data && <Pagination page={page} pageSize={DEFAULT_PAGE_SIZE} count={queue.data.count} onPageChange={setPage} />}
      </Card>
      <ApprovalSettings />
    </>
  );
}
