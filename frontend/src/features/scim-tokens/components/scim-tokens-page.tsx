import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { SecretTokens, TokenCreateForm } from '@/components/tokens/secret-tokens';
import { CopyButton } from '@/components/ui/copy-button';
import { formatDateTime } from '@/components/ui/format';
import { Card, PageHeader } from '@/components/ui/page';
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

function CreateScimTokenForm({ onCreated }: { onCreated: (token: { name: string; secret: string }) => void }) {
  const create = useCreateScimToken();
  return <TokenCreateForm texts="scimTokens" maxLength={100} create={create} body={(name) => ({ name })} onCreated={onCreated} />;
}

/** Administration: the SCIM tokens identity providers (Entra ID, Okta) provision people and departments with. */
export function ScimTokensPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('scimTokens.title'));
  const [page, setPage] = useState(1);
  const tokens = useScimTokens(page);
  const revoke = useRevokeScimToken();

  return (
    <>
      <PageHeader title={t('scimTokens.title')} description={t('scimTokens.description')} />
      <Connection />
      <SecretTokens<ScimToken, number>
        texts="scimTokens"
        list={tokens}
        page={page}
        onPageChange={setPage}
        rowKey={(token) => token.id}
        columns={[
          { header: t('scimTokens.fields.created'), cell: (token) => formatDateTime(token.created_at) },
          { header: t('scimTokens.fields.createdBy'), cell: (token) => token.created_by || t('scimTokens.list.byCommand') },
          {
            header: t('scimTokens.fields.lastUsed'),
            cell: (token) =>
              token.last_used_at ? formatDateTime(token.last_used_at) : t('scimTokens.list.neverUsed'),
          },
        ]}
        revoke={revoke}
        revokeKey={(token) => token.id}
        createForm={(onCreated) => <CreateScimTokenForm onCreated={onCreated} />}
      />
    </>
  );
}
