import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { ErrorAlert } from '@/components/ui/error-alert';
import { formatDateTime } from '@/components/ui/format';
import { SelectField, TextField } from '@/components/ui/form';
import { Card, EmptyState, PageHeader } from '@/components/ui/page';
import { Pagination } from '@/components/ui/pagination';
import { Spinner } from '@/components/ui/spinner';
import { DEFAULT_PAGE_SIZE } from '@/config/constants';
import { paths } from '@/config/paths';
import { CONTENT_KINDS, CONTENT_STATUSES, useContentList, type ContentKind, type ContentStatus } from '@/features/content/api/content';
import { ContentNav } from '@/features/content/components/content-nav';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { useDocumentTitle } from '@/lib/use-document-title';

export function ContentHubPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('content.hub.title'));
  const [status, setStatus] = useState<ContentStatus | ''>('');
  const [kind, setKind] = useState<ContentKind | ''>('');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const debounced = useDebouncedValue(search.trim());
  const items = useContentList({
    page,
    page_size: DEFAULT_PAGE_SIZE,
    ...(status ? { status } : {}),
    ...(kind ? { kind } : {}),
    ...(debounced ? { search: debounced } : {}),
  });
  return (
    <>
      <PageHeader
        title={t('content.hub.title')}
        description={t('content.hub.description')}
        actions={
          <Link className="button button--primary" to={paths.contentNew}>
            {t('content.hub.new')}
          </Link>
        }
      />
      <ContentNav />
      <Card>
        <form className="form form--inline" role="search" onSubmit={(event) => event.preventDefault()}>
          <SelectField
            label={t('content.fields.status')}
            value={status}
            onChange={(event) => {
              setStatus(event.target.value as ContentStatus | '');
              setPage(1);
            }}
            options={[
              { value: '', label: t('content.hub.allStatuses') },
              ...CONTENT_STATUSES.map((value) => ({ value, label: t(`content.status.${value}`) })),
            ]}
          />
          <SelectField
            label={t('content.fields.kind')}
            value={kind}
            onChange={(event) => {
              setKind(event.target.value as ContentKind | '');
              setPage(1);
            }}
            options={[
              { value: '', label: t('content.hub.allKinds') },
              ...CONTENT_KINDS.map((value) => ({ value, label: t(`content.kind.${value}`) })),
            ]}
          />
          <TextField
            label={t('content.hub.search')}
            type="search"
            value={search}
            onChange={(event) => {
              setSearch(event.target.value);
              setPage(1);
            }}
          />
        </form>
        <ErrorAlert error={items.error} />
        {items.isPending && <Spinner />}
        {items.data && items.data.results.length === 0 && <EmptyState>{t('content.hub.empty')}</EmptyState>}
        {items.data && items.data.results.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('content.hub.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('content.fields.title')}</th>
                  <th scope="col">{t('content.fields.kind')}</th>
                  <th scope="col">{t('content.fields.status')}</th>
                  <th scope="col">{t('content.fields.language')}</th>
                  <th scope="col">{t('content.fields.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {items.data.results.map((item) => (
                  <tr key={item.id}>
                    <th scope="row">
                      <Link to={paths.contentItem(item.id)} lang={item.language}>{item.title}</Link>
                      {item.important && <span className="badge badge--expired">{t('content.important')}</span>}
                      {item.suggested_by && (
                        <span className="table__secondary">
                          {t('content.suggestedBy', { name: item.suggested_by.full_name })}
                        </span>
                      )}
                    </th>
                    <td>{t(`content.kind.${item.kind}`)}</td>
                    <td>
                      <span className={`badge badge--content-${item.status}`}>{t(`content.status.${item.status}`)}</span>
                    </td>
                    <td>{item.language.toUpperCase()}</td>
                    <td>{formatDateTime(item.updated_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {items.data && (
          <Pagination page={page} pageSize={DEFAULT_PAGE_SIZE} count={items.data.count} onPageChange={setPage} />
        )}
      </Card>
    </>
  );
}
