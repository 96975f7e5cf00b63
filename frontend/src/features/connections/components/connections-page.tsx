import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { fieldErrors } from '@/components/ui/error-message';
import { formatDateTime } from '@/components/ui/format';
import { FormError, TextField } from '@/components/ui/form';
import { Card, PageHeader } from '@/components/ui/page';
import { Spinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import {
  useConnectBlog,
  useConnections,
  useDisconnect,
  useSyncConnection,
  type Connection,
  type Provider,
} from '@/features/connections/api/connections';
import { Capabilities, NetworkCards } from '@/features/connections/components/network-cards';
import { useDocumentTitle } from '@/lib/use-document-title';


function ProviderCapabilities({ provider }: { provider: Provider }) {
  return (
    <>
      <p className="muted">{provider.description}</p>
      <Capabilities provider={provider} />
    </>
  );
}

/** The import of a blog's published history: "312 von 340 Beiträgen importiert". */
export function HistoryProgress({ history }: { history: Connection['history'] }) {
  const { t } = useTranslation();
  if (!history.status) return null;
  const text =
    history.total === null
      ? t('connections.history.importedSoFar', { count: history.imported })
      : t('connections.history.imported', { count: history.total, imported: history.imported, total: history.total });
  return (
    <span className="table__secondary" role="status">
      {history.status === 'running' && history.total !== null ? (
        <progress max={history.total} value={history.imported} aria-label={text} />
      ) : null}{' '}
      {text}
      {history.status === 'failed' && ` (${t('connections.history.failed')})`}
    </span>
  );
}

function ConnectionRow({ connection }: { connection: Connection }) {
  const { t } = useTranslation();
  const sync = useSyncConnection();
  const disconnect = useDisconnect();
  const [confirming, setConfirming] = useState(false);
  const label = connection.title || connection.url;
  return (
    <tr>
      <th scope="row">
        <span className="table__primary">{label}</span>
        <span className="table__secondary">{connection.feed_url || connection.url}</span>
      </th>
      <td>
        <span className={`badge badge--${connection.status}`}>{t(`connections.status.${connection.status}`)}</span>
        {connection.last_error && <span className="table__secondary">{connection.last_error}</span>}
        <HistoryProgress history={connection.history} />
      </td>
      <td>{connection.last_sync_at ? formatDateTime(connection.last_sync_at) : t('connections.neverSynced')}</td>
      <td className="table__actions">
        <Button size="small" variant="secondary" isPending={sync.isPending} onClick={() => sync.mutate(connection.id)}>
          {t('connections.syncNow')}
        </Button>
        <Button size="small" variant="danger" onClick={() => setConfirming(true)} aria-label={t('connections.disconnectFor', { name: label })}>
          {t('connections.disconnect')}
        </Button>
        <ErrorAlert error={sync.error} />
        {confirming && (
          <ConfirmDialog
            title={t('connections.disconnectTitle', { name: label })}
            confirmLabel={t('connections.disconnect')}
            isPending={disconnect.isPending}
            error={disconnect.error}
            onCancel={() => setConfirming(false)}
            onConfirm={() => disconnect.mutate(connection.id, { onSuccess: () => setConfirming(false) })}
          >
            {t('connections.disconnectText')}
          </ConfirmDialog>
        )}
      </td>
    </tr>
  );
}

function ConnectBlogForm() {
  const { t } = useTranslation();
  const connect = useConnectBlog();
  const [url, setUrl] = useState('');

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    connect.mutate(url.trim(), { onSuccess: () => setUrl('') });
  }

  return (
    <form className="form form--inline" onSubmit={handleSubmit} noValidate>
      <FormError error={connect.error} />
      <TextField
        label={t('connections.blogUrl')}
        hint={t('connections.blogHint')}
        type="url"
        placeholder="https://"
        value={url}
        onChange={(event) => setUrl(event.target.value)}
        errors={fieldErrors(connect.error, 'url')}
      />
      <Button type="submit" isPending={connect.isPending} disabled={!url.trim()}>
        {t('connections.connectBlog')}
      </Button>
      {connect.isSuccess && (
        <p className="alert alert--success" role="status">
          {t('connections.connected')}
        </p>
      )}
    </form>
  );
}

export function ConnectionsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('connections.title'));
  const connections = useConnections();
  const blogs = connections.data?.connections.filter((connection) => connection.provider === 'blog') ?? [];
  const blog = connections.data?.providers.find((provider) => provider.key === 'blog');
  return (
    <>
      <PageHeader title={t('connections.title')} description={t('connections.description')} />
      <Card title={t('connections.blogs')}>
        {blog && <ProviderCapabilities provider={blog} />}
        <ConnectBlogForm />
        <ErrorAlert error={connections.error} />
        {connections.isPending && <Spinner />}
        {blogs.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('connections.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('connections.fields.source')}</th>
                  <th scope="col">{t('connections.fields.status')}</th>
                  <th scope="col">{t('connections.fields.lastSync')}</th>
                  <th scope="col">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {blogs.map((connection) => (
                  <ConnectionRow key={connection.id} connection={connection} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Card title={t('connections.activity.title')}>
        <p>{t('connections.activity.text')}</p>
        <Link to={paths.activity}>{t('activity.nav')}</Link>
      </Card>
      {connections.data && (
        <NetworkCards providers={connections.data.providers} connections={connections.data.connections} />
      )}
    </>
  );
}
