import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { Button } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { formatDateTime } from '@/components/ui/format';
import { SelectField } from '@/components/ui/form';
import { Card, EmptyState, PageHeader } from '@/components/ui/page';
import { Pagination } from '@/components/ui/pagination';
import { Spinner } from '@/components/ui/spinner';
import { DEFAULT_PAGE_SIZE } from '@/config/constants';
import {
  DIGEST_FREQUENCIES,
  useDigestPreference,
  useMarkRead,
  useNotifications,
  useSetDigestPreference,
  type DigestFrequency,
} from '@/features/notifications/api/notifications';
import { useDocumentTitle } from '@/lib/use-document-title';
import '@/features/notifications/components/notification-bell.css';

function DigestPreference() {
  const { t } = useTranslation();
  const preference = useDigestPreference();
  const save = useSetDigestPreference();
  if (!preference.data) return <ErrorAlert error={preference.error} />;
  return (
    <>
      <SelectField
        label={t('notifications.digest.label')}
        hint={t('notifications.digest.hint')}
        value={preference.data.digest}
        disabled={save.isPending}
        onChange={(event) => save.mutate(event.target.value as DigestFrequency)}
        options={DIGEST_FREQUENCIES.map((value) => ({ value, label: t(`notifications.digest.${value}`) }))}
      />
      {save.isSuccess && (
        <p className="alert alert--success" role="status">
          {t('notifications.digest.saved')}
        </p>
      )}
      <ErrorAlert error={save.error} />
    </>
  );
}

export function NotificationsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notifications.title'));
  const [page, setPage] = useState(1);
  const notifications = useNotifications(page);
  const markRead = useMarkRead();
  const unread = notifications.data?.results.some((item) => !item.read_at) ?? false;
  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        actions={
          <Button variant="secondary" disabled={!unread} isPending={markRead.isPending} onClick={() => markRead.mutate(undefined)}>
            {t('notifications.markAllRead')}
          </Button>
        }
      />
      <Card>
        <ErrorAlert error={notifications.error ?? markRead.error} />
        {notifications.isPending && <Spinner />}
        {notifications.data?.results.length === 0 && <EmptyState>{t('notifications.empty')}</EmptyState>}
        <ul className="notification-list">
          {notifications.data?.results.map((item) => (
            <li key={item.id} className={item.read_at ? 'notification notification--read' : 'notification'}>
              {!item.read_at && <span className="visually-hidden">{t('notifications.unread')}: </span>}
              {item.url ? (
                <Link to={item.url} onClick={() => !item.read_at && markRead.mutate([item.id])}>
                  {item.title}
                </Link>
              ) : (
                <span>{item.title}</span>
              )}{' '}
              <span className="muted">{formatDateTime(item.created_at)}</span>
              {!item.read_at && (
                <Button size="small" variant="link" onClick={() => markRead.mutate([item.id])} aria-label={t('notifications.markReadFor', { title: item.title })}>
                  {t('notifications.markRead')}
                </Button>
              )}
            </li>
          ))}
        </ul>
        {notifications.data && (
          <Pagination page={page} pageSize={DEFAULT_PAGE_SIZE} count={notifications.data.count} onPageChange={setPage} />
        )}
      </Card>
      <Card title={t('notifications.digest.title')}>
        <DigestPreference />
      </Card>
    </>
  );
}
