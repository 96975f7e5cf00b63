import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorAlert } from '@/components/ui/error-alert';
import { formatDateTime } from '@/components/ui/format';
import { TextField } from '@/components/ui/form';
import { Card, EmptyState, PageHeader } from '@/components/ui/page';
import { Pagination } from '@/components/ui/pagination';
import { Spinner } from '@/components/ui/spinner';
import { auditExportUrl, useAuditEvents } from '@/features/audit/api/audit';
import { useDocumentTitle } from '@/lib/use-document-title';

function formatChanges(changes: unknown): string {
  if (!changes || typeof changes !== 'object' || Object.keys(changes).length === 0) return '–';
  return JSON.stringify(changes);
}

export function AuditPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('audit.title'));
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const events = useAuditEvents({ page, search: search.trim() || undefined });

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        description={t('audit.description')}
        actions={
          <a className="button button--secondary" href={auditExportUrl({ search: search.trim() || undefined })} download>
            {t('audit.export')}
          </a>
        }
      />
      <Card>
        <TextField
          label={t('audit.search')}
          type="search"
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
            setPage(1);
          }}
        />
        <ErrorAlert error={events.error} />
        {events.isPending && <Spinner />}
        {events.data && events.data.results.length === 0 && <EmptyState>{t('audit.empty')}</EmptyState>}
        {events.data && events.data.results.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('audit.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.fields.when')}</th>
                  <th scope="col">{t('audit.fields.actor')}</th>
                  <th scope="col">{t('audit.fields.action')}</th>
                  <th scope="col">{t('audit.fields.object')}</th>
                  <th scope="col">{t('audit.fields.changes')}</th>
                </tr>
              </thead>
              <tbody>
                {events.data.results.map((event) => (
                  <tr key={event.id}>
                    <td>{formatDateTime(event.created_at)}</td>
                    <th scope="row">{event.actor_label}</th>
                    <td>
                      <code>{event.action}</code>
                    </td>
                    <td>{event.target_label || '–'}</td>
                    <td className="table__secondary">
                      <code>{formatChanges(event.changes)}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {events.data && <Pagination page={page} count={events.data.count} pageSize={25} onPageChange={setPage} />}
      </Card>
    </>
  );
}
