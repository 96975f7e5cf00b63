import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { CopyButton } from '@/components/ui/copy-button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { fieldErrors } from '@/components/ui/error-message';
import { formatDateTime } from '@/components/ui/format';
import { FormError, TextField } from '@/components/ui/form';
import { Card, EmptyState, PageHeader } from '@/components/ui/page';
import { Pagination } from '@/components/ui/pagination';
import { Spinner } from '@/components/ui/spinner';
import { DEFAULT_PAGE_SIZE } from '@/config/constants';
import {
  useCreateScimToken,
  useRevokeScimToken,
  useScimTokens,
  type ScimToken,
} from '@/features/scim-tokens/api/scim-tokens';
import { useDocumentTitle } from '@/lib/use-document-title';

/** The SCIM base URL an identity provider needs ("Tenant URL" in Entra ID, "Base URL" in Okta). */
function scimBaseUrl() {
  return `${window.location.origin}/scim/v2`;
}

function Connection() {
  const { t } = useTranslation();
  const url = scimBaseUrl();
  return (
    <Card title={t('scimTokens.connection.title')}>
      <p>{t('scimTokens.connection.intro')}</p>
      <div className="secret__value">
        <code data-testid="scim-base-url">{url}</code>
        <CopyButton value={url} />
      </div>
      <p className="muted">{t('scimTokens.connection.docs')}</p>
    </Card>
  );
}

function NewSecret({ name, secret, onDismiss }: { name: string; secret: string; onDismiss: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="secret" role="region" aria-labelledby="new-scim-token-heading" data-testid="scim-secret-panel">
      <h2 id="new-scim-token-heading">{t('scimTokens.secret.title', { name })}</h2>
      <p className="alert alert--warning" role="alert">
        {t('scimTokens.secret.warning')}
      </p>
      <div className="secret__value">
        <code data-testid="scim-token-secret">{secret}</code>
        <CopyButton value={secret} />
      </div>
      <Button variant="secondary" onClick={onDismiss}>
        {t('scimTokens.secret.dismiss')}
      </Button>
    </div>
  );
}

function CreateForm({ onCreated }: { onCreated: (token: { name: string; secret: string }) => void }) {
  const { t } = useTranslation();
  const create = useCreateScimToken();
  const [name, setName] = useState('');

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(
      { name: name.trim() },
      {
        onSuccess: (token) => {
          setName('');
          onCreated({ name: token.name, secret: token.token });
        },
      },
    );
  }

  return (
    <form className="form form--inline" onSubmit={handleSubmit} noValidate aria-label={t('scimTokens.create.title')}>
      <FormError error={create.error} />
      <TextField
        label={t('scimTokens.fields.name')}
        name="name"
        required
        maxLength={100}
        value={name}
        hint={t('scimTokens.create.nameHint')}
        onChange={(event) => setName(event.target.value)}
        errors={fieldErrors(create.error, 'name')}
      />
      <div className="form__actions">
        <Button type="submit" isPending={create.isPending}>
          {t('scimTokens.create.submit')}
        </Button>
      </div>
    </form>
  );
}

function TokenTable({ tokens, onRevoke }: { tokens: ScimToken[]; onRevoke: (token: ScimToken) => void }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{t('scimTokens.list.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('scimTokens.fields.name')}</th>
            <th scope="col">{t('scimTokens.fields.created')}</th>
            <th scope="col">{t('scimTokens.fields.createdBy')}</th>
            <th scope="col">{t('scimTokens.fields.lastUsed')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id}>
              <th scope="row">{token.name}</th>
              <td>{formatDateTime(token.created_at)}</td>
              <td>{token.created_by || t('scimTokens.list.byCommand')}</td>
              <td>{token.last_used_at ? formatDateTime(token.last_used_at) : t('scimTokens.list.neverUsed')}</td>
              <td className="table__actions">
                <Button
                  variant="danger"
                  size="small"
                  onClick={() => onRevoke(token)}
                  aria-label={t('scimTokens.revoke.buttonFor', { name: token.name })}
                >
                  {t('scimTokens.revoke.button')}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Administration: the SCIM tokens identity providers (Entra ID, Okta) provision people and departments with. */
export function ScimTokensPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('scimTokens.title'));
  const [page, setPage] = useState(1);
  const tokens = useScimTokens(page);
  const revoke = useRevokeScimToken();
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [toRevoke, setToRevoke] = useState<ScimToken | null>(null);
  const [revokedName, setRevokedName] = useState<string | null>(null);

  return (
    <>
      <PageHeader title={t('scimTokens.title')} description={t('scimTokens.description')} />
      <Connection />
      {created && <NewSecret name={created.name} secret={created.secret} onDismiss={() => setCreated(null)} />}
      <Card title={t('scimTokens.create.title')}>
        <CreateForm
          onCreated={(token) => {
            setRevokedName(null);
            setCreated(token);
          }}
        />
      </Card>
      <Card title={t('scimTokens.list.title')}>
        {revokedName && (
          <p className="alert alert--success" role="status">
            {t('scimTokens.revoke.done', { name: revokedName })}
          </p>
        )}
        {tokens.isPending && <Spinner />}
        <ErrorAlert error={tokens.error} />
        {tokens.data &&
          (tokens.data.results.length === 0 ? (
            <EmptyState>{t('scimTokens.list.empty')}</EmptyState>
          ) : (
            <TokenTable tokens={tokens.data.results} onRevoke={setToRevoke} />
          ))}
        {tokens.data && (
          <Pagination page={page} pageSize={DEFAULT_PAGE_SIZE} count={tokens.data.count} onPageChange={setPage} />
        )}
      </Card>
      {toRevoke && (
        <ConfirmDialog
          title={t('scimTokens.revoke.confirmTitle', { name: toRevoke.name })}
          confirmLabel={t('scimTokens.revoke.confirm')}
          isPending={revoke.isPending}
          error={revoke.error}
          onCancel={() => {
            revoke.reset();
            setToRevoke(null);
          }}
          onConfirm={() =>
            revoke.mutate(toRevoke.id, {
              onSuccess: () => {
                setRevokedName(toRevoke.name);
                setToRevoke(null);
                if (tokens.data?.results.length === 1 && page > 1) setPage(page - 1);
              },
            })
          }
        >
          <p>{t('scimTokens.revoke.confirmText')}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
