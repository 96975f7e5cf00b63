import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorAlert, SuccessAlert } from '@/components/ui/error-alert';
import { fieldErrors } from '@/components/ui/error-message';
import { formatDate, formatDateTime } from '@/components/ui/format';
import { formatNumber } from '@/lib/format';
import { FormError, TextField } from '@/components/ui/form';
import { Card } from '@/components/ui/page';
import { useDisconnect, useSyncConnection, type Connection, type Provider } from '@/features/connections/api/connections';
import {
  useApplySuggestions,
  useConnectXing,
  useStartOAuth,
  type OAuthProvider,
  type SuggestionField,
} from '@/features/connections/api/networks';

const CAPABILITIES = ['sign_in', 'post_via_api', 'import_posts', 'import_metrics', 'share_intent'] as const;
const NETWORKS = ['linkedin', 'mastodon', 'xing'] as const;

function statusKey(connection: Connection): Connection['status'] {
  return connection.needs_reconsent ? 'needs_reconsent' : connection.status;
}

export function Capabilities({ provider }: { provider: Provider }) {
  const { t } = useTranslation();
  return (
    <ul className="capabilities" aria-label={t('connections.capabilitiesFor', { name: provider.name })}>
      {CAPABILITIES.map((capability) => (
        <li key={capability} className={provider[capability] ? 'capability capability--yes' : 'capability capability--no'}>
          {t(`connections.capabilities.${capability}`)}: {provider[capability] ? t('connections.yes') : t('connections.no')}
        </li>
      ))}
    </ul>
  );
}

function Suggestions({ connection }: { connection: Connection }) {
  const { t } = useTranslation();
  const apply = useApplySuggestions();
  const offered = (['name', 'picture', 'profile_url'] as SuggestionField[]).filter((field) =>
    field === 'name' ? Boolean(connection.suggestions.name) : Boolean(connection.suggestions[field]),
  );
  if (offered.length === 0) return null;
  return (
    <div className="suggestions">
      <p className="muted">{t('connections.network.suggestionsText')}</p>
      <div className="table__actions">
        {offered.map((field) => (
          <Button
            key={field}
            size="small"
            variant="secondary"
            isPending={apply.isPending && apply.variables.fields[0] === field}
            onClick={() => apply.mutate({ id: connection.id, fields: [field] })}
          >
            {t(`connections.network.apply.${field}`)}
          </Button>
        ))}
      </div>
      {apply.isSuccess && <SuccessAlert>{t('connections.network.applied')}</SuccessAlert>}
      <ErrorAlert error={apply.error} />
    </div>
  );
}

function NetworkConnection({ connection, provider }: { connection: Connection; provider: Provider }) {
  const { t } = useTranslation();
  const sync = useSyncConnection();
  const disconnect = useDisconnect();
  const reconnect = useStartOAuth();
  const [confirming, setConfirming] = useState(false);
  const label = connection.title || connection.url || provider.name;
  const status = statusKey(connection);
  const isOAuth = connection.provider === 'linkedin' || connection.provider === 'mastodon';
  return (
    <div className="network-connection">
      <p>
        <strong>{label}</strong>
        {connection.url && <span className="table__secondary">{connection.url}</span>}
      </p>
      <dl className="facts">
        <dt>{t('connections.fields.status')}</dt>
        <dd>
          <span className={`badge badge--${status}`}>{t(`connections.status.${status}`)}</span>
        </dd>
        {connection.expires_at && (
          <>
            <dt>{t('connections.network.expiresOn')}</dt>
            <dd>{formatDate(connection.expires_at)}</dd>
          </>
        )}
        {connection.followers !== null && (
          <>
            <dt>{t('connections.network.followers')}</dt>
            <dd>{formatNumber(connection.followers)}</dd>
          </>
        )}
        {provider.import_posts && (
          <>
            <dt>{t('connections.fields.lastSync')}</dt>
            <dd>{connection.last_sync_at ? formatDateTime(connection.last_sync_at) : t('connections.neverSynced')}</dd>
          </>
        )}
        <dt>{t('connections.network.posting')}</dt>
        <dd>{connection.can_post ? t('connections.network.postingYes') : t('connections.network.postingNo')}</dd>
      </dl>
      {connection.needs_reconsent && (
        <p className="alert alert--warning" role="status">
          {t('connections.network.reconsentText', { name: provider.name })}
        </p>
      )}
      {connection.last_error && (
        <p className="alert alert--error">
          {t('connections.network.lastError')}: {connection.last_error}
        </p>
      )}
      <div className="table__actions">
        {isOAuth && (
          <Button
            size="small"
            variant={connection.needs_reconsent ? 'primary' : 'secondary'}
            isPending={reconnect.isPending}
            onClick={() => reconnect.mutate({ provider: connection.provider as OAuthProvider, connection_id: connection.id })}
            aria-label={t('connections.network.reconnectFor', { name: label })}
          >
            {t('connections.network.reconnect')}
          </Button>
        )}
        {provider.import_posts && (
          <Button size="small" variant="secondary" isPending={sync.isPending} onClick={() => sync.mutate(connection.id)}>
            {t('connections.syncNow')}
          </Button>
        )}
        <Button size="small" variant="danger" onClick={() => setConfirming(true)} aria-label={t('connections.disconnectFor', { name: label })}>
          {t('connections.disconnect')}
        </Button>
      </div>
      <ErrorAlert error={sync.error ?? reconnect.error} />
      {sync.isSuccess && <SuccessAlert>{t('connections.network.syncQueued')}</SuccessAlert>}
      <Suggestions connection={connection} />
      {confirming && (
        <ConfirmDialog
          title={t('connections.disconnectTitle', { name: label })}
          confirmLabel={t('connections.disconnect')}
          isPending={disconnect.isPending}
          error={disconnect.error}
          onCancel={() => setConfirming(false)}
          onConfirm={() => disconnect.mutate(connection.id, { onSuccess: () => setConfirming(false) })}
        >
          {t(isOAuth ? 'connections.network.disconnectText' : 'connections.disconnectText')}
        </ConfirmDialog>
      )}
    </div>
  );
}

/** Admins see a network this installation has not set up, with what is missing and where it is set. */
function NotConfigured({ provider }: { provider: Provider }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert--warning" role="status">
      <p>{t('connections.network.notConfiguredAdmin', { name: provider.name })}</p>
      {provider.missing_settings.length > 0 && (
        <p>
          {t('connections.network.missingSettings')}{' '}
          {provider.missing_settings.map((name, index) => (
            <span key={name}>
              {index > 0 && ', '}
              <code>{name}</code>
            </span>
          ))}
        </p>
      )}
      <p>{t('connections.network.configureHow')}</p>
    </div>
  );
}

function ConnectLinkedIn({ provider }: { provider: Provider }) {
  const { t } = useTranslation();
  const start = useStartOAuth();
  if (!provider.configured) return <NotConfigured provider={provider} />;
  if (!provider.can_connect) return <p className="muted">{t('connections.network.notConfigured')}</p>;
  return (
    <>
      <Button isPending={start.isPending} onClick={() => start.mutate({ provider: 'linkedin' })}>
        {t('connections.network.connect', { name: provider.name })}
      </Button>
      <ErrorAlert error={start.error} />
    </>
  );
}

function ConnectMastodon({ provider }: { provider: Provider }) {
  const { t } = useTranslation();
  const start = useStartOAuth();
  const [instance, setInstance] = useState('');
  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    start.mutate({ provider: 'mastodon', instance: instance.trim() });
  }
  return (
    <form className="form form--inline" onSubmit={handleSubmit} noValidate>
      <FormError error={start.error} />
      <TextField
        label={t('connections.network.instance')}
        hint={t('connections.network.instanceHint')}
        placeholder="mastodon.social"
        value={instance}
        onChange={(event) => setInstance(event.target.value)}
        errors={fieldErrors(start.error, 'instance')}
      />
      <Button type="submit" isPending={start.isPending} disabled={!instance.trim()}>
        {t('connections.network.connect', { name: provider.name })}
      </Button>
    </form>
  );
}

function ConnectXing() {
  const { t } = useTranslation();
  const connect = useConnectXing();
  const [url, setUrl] = useState('');
  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    connect.mutate(url.trim(), { onSuccess: () => setUrl('') });
  }
  return (
    <form className="form form--inline" onSubmit={handleSubmit} noValidate>
      <FormError error={connect.error} />
      <TextField
        label={t('connections.network.xingUrl')}
        type="url"
        placeholder="https://www.xing.com/profile/"
        value={url}
        onChange={(event) => setUrl(event.target.value)}
        errors={fieldErrors(connect.error, 'url')}
      />
      <Button type="submit" isPending={connect.isPending} disabled={!url.trim()}>
        {t('connections.network.saveXing')}
      </Button>
    </form>
  );
}

function NetworkCard({ provider, connections }: { provider: Provider; connections: Connection[] }) {
  const { t } = useTranslation();
  const mine = connections.filter((connection) => connection.provider === provider.key);
  const showConnect = provider.key === 'mastodon' || mine.length === 0;
  return (
    <Card title={provider.name} className="network-card">
      <p className="muted">{provider.description}</p>
      <Capabilities provider={provider} />
      {mine.map((connection) => (
        <NetworkConnection key={connection.id} connection={connection} provider={provider} />
      ))}
      {mine.length === 0 && provider.configured && <p>{t('connections.network.notConnected')}</p>}
      {!provider.configured && provider.key !== 'linkedin' && <NotConfigured provider={provider} />}
      {showConnect && provider.key === 'linkedin' && <ConnectLinkedIn provider={provider} />}
      {showConnect && provider.key === 'mastodon' && <ConnectMastodon provider={provider} />}
      {showConnect && provider.key === 'xing' && <ConnectXing />}
    </Card>
  );
}

/** LinkedIn, Mastodon and XING: what each allows, my accounts there with their status, connect and manage. */
export function NetworkCards({ providers, connections }: { providers: Provider[]; connections: Connection[] }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const connected = providers.find((provider) => provider.key === params.get('connected'));
  return (
    <>
      {connected && <SuccessAlert>{t('connections.network.connectedNow', { name: connected.name })}</SuccessAlert>}
      {NETWORKS.map((key) => providers.find((provider) => provider.key === key))
        .filter((provider): provider is Provider => provider !== undefined)
        .map((provider) => (
          <NetworkCard key={provider.key} provider={provider} connections={connections} />
        ))}
    </>
  );
}
