import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

import { ErrorAlert } from '@/components/ui/error-alert';
import { formatDate } from '@/components/ui/format';
import { Card, EmptyState, PageHeader } from '@/components/ui/page';
import { Pagination } from '@/components/ui/pagination';
import { SafeHtml } from '@/components/ui/safe-html';
import { RICH_TEXT_TAGS } from '@/components/ui/sanitize';
import { Spinner } from '@/components/ui/spinner';
import { DEFAULT_PAGE_SIZE } from '@/config/constants';
import { paths } from '@/config/paths';
import { useAvailableContent, useGuidelineStatus } from '@/features/content/api/content';
import { languageName } from '@/lib/labels';
import { useDocumentTitle } from '@/lib/use-document-title';
import '@/features/content/components/content.css';

/** Company content I may share now: published, started, unexpired, for my department and location. */
export function AvailableContentPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('content.available.title'));
  const [page, setPage] = useState(1);
  const items = useAvailableContent(page);
  const guideline = useGuidelineStatus();
  const [params] = useSearchParams();
  const highlighted = Number(params.get('item') ?? 0);
  return (
    <>
      <PageHeader
        title={t('content.available.title')}
        description={t('content.available.description')}
        actions={<Link to={paths.contentSuggest}>{t('content.suggest.title')}</Link>}
      />
      {guideline.data && !guideline.data.accepted && (
        <p className="alert alert--warning">
          {t('content.available.acceptFirst')} <Link to={paths.guidelines}>{t('content.available.toGuidelines')}</Link>
        </p>
      )}
      <ErrorAlert error={items.error} />
      {items.isPending && <Spinner />}
      {items.data?.results.length === 0 && <EmptyState>{t('content.available.empty')}</EmptyState>}
      <ul className="content-cards" aria-label={t('content.available.title')}>
        {items.data?.results.map((item) => (
          <li key={item.id}>
            <Card className={item.id === highlighted ? 'content-card content-card--highlighted' : 'content-card'}>
              <h2 className="content-card__title" lang={item.language}>
                <a href={item.url} target="_blank" rel="noopener noreferrer">
                  {item.title}
                </a>
              </h2>
              <p className="muted">
                {t(`content.kind.${item.kind}`)} · {languageName(item.language)}
                {item.published_at && ` · ${formatDate(item.published_at)}`}
                {item.expires_at && ` · ${t('content.available.until', { date: formatDate(item.expires_at) })}`}
              </p>
              {item.important && <span className="badge badge--expired">{t('content.important')}</span>}
              <div lang={item.language}>
                <SafeHtml as="div" html={item.summary} allowedTags={RICH_TEXT_TAGS} />
              </div>
              {item.topics.length > 0 && (
                <p className="muted">
                  {item.topics.map((topic) => (i18n.language === 'en' ? topic.name_en : topic.name_de)).join(' · ')}
                </p>
              )}
            </Card>
          </li>
        ))}
      </ul>
      {items.data && <Pagination page={page} pageSize={DEFAULT_PAGE_SIZE} count={items.data.count} onPageChange={setPage} />}
    </>
  );
}
