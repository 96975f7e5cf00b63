import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';

import { ErrorAlert } from '@/components/ui/error-alert';
import { Card, PageHeader } from '@/components/ui/page';
import { Spinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { useCompleteOAuth, type OAuthProvider } from '@/features/connections/api/networks';
import { useDocumentTitle } from '@/lib/use-document-title';

const PROVIDERS: Record<string, { key: OAuthProvider; name: string }> = {
  linkedin: { key: 'linkedin', name: 'LinkedIn' },
  mastodon: { key: 'mastodon', name: 'Mastodon' },
};

/** Where LinkedIn or Mastodon send the browser back: finishes the connection, then returns to Connections. */
export function OAuthCallbackPage() {
  const { t } = useTranslation();
  const { provider = '' } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const complete = useCompleteOAuth();
  const sent = useRef(false);
  const network = PROVIDERS[provider];
  const code = params.get('code') ?? '';
  const state = params.get('state') ?? '';
  const denied = params.get('error');
  useDocumentTitle(t('connections.callback.title'));

  useEffect(() => {
    if (sent.current || !network || !code || !state || denied) return;
    sent.current = true; // the code works once: never send it twice (StrictMode runs effects twice)
    complete.mutate(
      { provider: network.key, code, state },
      {
        onSuccess: () => {
          void navigate(`${paths.connections}?connected=${network.key}`, { replace: true });
        },
      },
    );
  }, [network, code, state, denied, complete, navigate]);

  const failed = !network || denied || !code || !state;
  return (
    <>
      <PageHeader title={t('connections.callback.title')} />
      <Card>
        {failed && (
          <div className="alert alert--error" role="alert">
            <p>{denied ? t('connections.callback.denied', { name: network?.name ?? provider }) : t('connections.callback.invalid')}</p>
          </div>
        )}
        {!failed && complete.isPending && (
          <p role="status">
            <Spinner /> {t('connections.callback.finishing', { name: network.name })}
          </p>
        )}
        <ErrorAlert error={complete.error} />
        {(failed || complete.isError) && <Link to={paths.connections}>{t('connections.callback.back')}</Link>}
      </Card>
    </>
  );
}
