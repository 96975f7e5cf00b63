import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { SecretTokens, TokenCreateForm } from '@/components/tokens/secret-tokens';
import { fieldErrors } from '@/components/ui/error-message';
import { formatDateTime } from '@/components/ui/format';
import { SelectField } from '@/components/ui/form';
import { PageHeader } from '@/components/ui/page';
import { useCreateToken } from '@/features/tokens/api/create-token';
import { useTokens, type ApiToken } from '@/features/tokens/api/get-tokens';
import { useRevokeToken } from '@/features/tokens/api/revoke-token';
import { useDocumentTitle } from '@/lib/use-document-title';

const EXPIRY_CHOICES = ['30', '90', '365', 'never'] as const;
type ExpiryChoice = (typeof EXPIRY_CHOICES)[number];

function CreateTokenForm({ onCreated }: { onCreated: (token: { name: string; secret: string }) => void }) {
  const { t } = useTranslation();
  const create = useCreateToken();
  const [expiry, setExpiry] = useState<ExpiryChoice>('90');
  return (
    <TokenCreateForm
      texts="tokens"
      maxLength={64}
      create={create}
      body={(name) => ({ name, expires_in_days: expiry === 'never' ? null : Number(expiry) })}
      onCreated={onCreated}
    >
      <SelectField
        label={t('tokens.fields.expiry')}
        name="expires_in_days"
        value={expiry}
        onChange={(event) => setExpiry(event.target.value as ExpiryChoice)}
        errors={fieldErrors(create.error, 'expires_in_days')}
        options={EXPIRY_CHOICES.map((choice) => ({ value: choice, label: t(`tokens.expiry.${choice}`) }))}
      />
    </TokenCreateForm>
  );
}

/** The personal API tokens scripts use to call the API on the employee's behalf. */
export function TokensPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('tokens.title'));
  const [page, setPage] = useState(1);
  const tokens = useTokens(page);
  const revoke = useRevokeToken();

  return (
    <>
      <PageHeader title={t('tokens.title')} description={t('tokens.description')} />
      <SecretTokens<ApiToken, string>
        texts="tokens"
        list={tokens}
        page={page}
        onPageChange={setPage}
        rowKey={(token) => token.id}
        columns={[
          { header: t('tokens.fields.key'), cell: (token) => <code>{token.token_key}…</code> },
          { header: t('tokens.fields.created'), cell: (token) => formatDateTime(token.created) },
          {
            header: t('tokens.fields.expires'),
            cell: (token) => (token.expiry ? formatDateTime(token.expiry) : t('tokens.expiry.never')),
          },
          {
            header: t('tokens.fields.lastUsed'),
            cell: (token) => (token.last_used_at ? formatDateTime(token.last_used_at) : t('tokens.list.neverUsed')),
          },
        ]}
        revoke={revoke}
        revokeKey={(token) => token.token_key}
        createForm={(onCreated) => <CreateTokenForm onCreated={onCreated} />}
      />
    </>
  );
}
