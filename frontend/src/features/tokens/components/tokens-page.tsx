import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { CopyButton } from '@/components/ui/copy-button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { formatDateTime } from '@/components/ui/format';
import { FormError, SelectField, TextField } from '@/components/ui/form';
import { fieldErrors } from '@/components/ui/error-message';
import { Card, EmptyState, PageHeader } from '@/components/ui/page';
import { useDocumentTitle } from '@/lib/use-document-title';
import { Pagination } from '@/components/ui/pagination';
import { Spinner } from '@/components/ui/spinner';
import { DEFAULT_PAGE_SIZE } from '@/config/constants';
import { useCreateToken } from '@/features/tokens/api/create-token';
import { useTokens, type ApiToken } from '@/features/tokens/api/get-tokens';
import { useRevokeToken } from '@/features/tokens/api/revoke-token';

const EXPIRY_CHOICES = ['30', '90', '365', 'never'] as const;
type ExpiryChoice = (typeof EXPIRY_CHOICES)[number];

function NewTokenSecret({ name, secret, onDismiss }: { name: string; secret: string; onDismiss: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="secret" role="region" aria-labelledby="new-token-heading" data-testid="token-secret-panel">
      <h2 id="new-token-heading">{t('tokens.secret.title', { name })}</h2>
      <p className="alert alert--warning" role="alert">
        {t('tokens.secret.warning')}
      </p>
      <div className="secret__value">
        <code data-testid="token-secret">{secret}</code>
        <CopyButton value={secret} />
      </div>
      <Button variant="secondary" onClick={onDismiss}>
        {t('tokens.secret.dismiss')}
      </Button>
    </div>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (token: { name: string; secret: string }) => void }) {
  const { t } = useTranslation();
  const create = useCreateToken();
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState<ExpiryChoice>('90');

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), expires_in_days: expiry === 'never' ? null : Number(expiry) },
      {
        onSuccess: (token) => {
          setName('');
          onCreated({ name: token.name, secret: token.token });
        },
      },
    );
  }

  return (
    <form className="form form--inline" onSubmit={handleSubmit} noValidate aria-label={t('tokens.create.title')}>
      <FormError error={create.error} />
      <TextField
        label={t('tokens.fields.name')}
        name="name"
        required
        maxLength={64}
        value={name}
        hint={t('tokens.create.nameHint')}
        onChange={(event) => setName(event.target.value)}
        errors={fieldErrors(create.error, 'name')}
      />
      <SelectField
        label={t('tokens.fields.expiry')}
        name="expires_in_days"
        value={expiry}
        onChange={(event) => setExpiry(event.target.value as ExpiryChoice)}
        errors={fieldErrors(create.error, 'expires_in_days')}
        options={EXPIRY_CHOICES.map((choice) => ({ value: choice, label: t(`tokens.expiry.${choice}`) }))}
      />
      <div className="form__actions">
        <Button type="submit" isPending={create.isPending}>
          {t('tokens.create.submit')}
        </Button>
      </div>
    </form>
  );
}

function TokenTable({ tokens, onRevoke }: { tokens: ApiToken[]; onRevoke: (token: ApiToken) => void }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{t('tokens.list.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('tokens.fields.name')}</th>
            <th scope="col">{t('tokens.fields.key')}</th>
            <th scope="col">{t('tokens.fields.created')}</th>
            <th scope="col">{t('tokens.fields.expires')}</th>
            <th scope="col">{t('tokens.fields.lastUsed')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id}>
              <th scope="row">{token.name}</th>
              <td>
                <code>{token.token_key}…</code>
              </td>
              <td>{formatDateTime(token.created)}</td>
              <td>{token.expiry ? formatDateTime(token.expiry) : t('tokens.expiry.never')}</td>
              <td>{token.last_used_at ? formatDateTime(token.last_used_at) : t('tokens.list.neverUsed')}</td>
              <td className="table__actions">
                <Button
                  variant="danger"
                  size="small"
                  onClick={() => onRevoke(token)}
                  aria-label={t('tokens.revoke.buttonFor', { name: token.name })}
                >
                  {t('tokens.revoke.button')}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function TokensPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('tokens.title'));
  const [page, setPage] = useState(1);
  const tokens = useTokens(page);
  const revoke = useRevokeToken();
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [toRevoke, setToRevoke] = useState<ApiToken | null>(null);
  const [revokedName, setRevokedName] = useState<string | null>(null);

  return (
    <>
      <PageHeader title={t('tokens.title')} description={t('tokens.description')} />
      {created && <NewTokenSecret name={created.name} secret={created.secret} onDismiss={() => setCreated(null)} />}
      <Card title={t('tokens.create.title')}>
        <CreateTokenForm
          onCreated={(token) => {
            setRevokedName(null);
            setCreated(token);
          }}
        />
      </Card>
      <Card title={t('tokens.list.title')}>
        {revokedName && (
          <p className="alert alert--success" role="status">
            {t('tokens.revoke.done', { name: revokedName })}
          </p>
        )}
        {tokens.isPending && <Spinner />}
        <ErrorAlert error={tokens.error} />
        {tokens.data &&
          (tokens.data.results.length === 0 ? (
            <EmptyState>{t('tokens.list.empty')}</EmptyState>
          ) : (
            <TokenTable tokens={tokens.data.results} onRevoke={setToRevoke} />
          ))}
        {tokens.data && (
          <Pagination page={page} pageSize={DEFAULT_PAGE_SIZE} count={tokens.data.count} onPageChange={setPage} />
        )}
      </Card>
      {toRevoke && (
        <ConfirmDialog
          title={t('tokens.revoke.confirmTitle', { name: toRevoke.name })}
          confirmLabel={t('tokens.revoke.confirm')}
          isPending={revoke.isPending}
          error={revoke.error}
          onCancel={() => {
            revoke.reset();
            setToRevoke(null);
          }}
          onConfirm={() =>
            revoke.mutate(toRevoke.token_key, {
              onSuccess: () => {
                setRevokedName(toRevoke.name);
                setToRevoke(null);
                if (tokens.data?.results.length === 1 && page > 1) setPage(page - 1);
              },
            })
          }
        >
          <p>{t('tokens.revoke.confirmText')}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
