import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';

import { Button } from '@/components/ui/button';
import { FormError, TextField } from '@/components/ui/form';
import { fieldErrors } from '@/components/ui/error-message';

import { useDocumentTitle } from '@/lib/use-document-title';
import { paths, safeRedirect } from '@/config/paths';
import { useAuthConfig } from '@/features/auth/api/auth-config';
import { useLogin } from '@/features/auth/api/login';
import { AuthLayout } from '@/features/auth/components/auth-layout';

/** Why single sign-on failed, as the server's callback names it (`/login?sso=failed&reason=…`). */
const SSO_REASONS = ['state', 'token', 'provider', 'denied', 'refused'] as const;
type SsoReason = (typeof SSO_REASONS)[number];

function ssoReason(value: string | null): SsoReason | null {
  return SSO_REASONS.find((reason) => reason === value) ?? null;
}

export function LoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.login.title'));
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const login = useLogin();
  const config = useAuthConfig();
  const sso = config.data?.sso;
  const redirectTo = safeRedirect(searchParams.get('redirectTo'));
  const failedReason = ssoReason(searchParams.get('reason'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    login.mutate(
      { email: email.trim(), password },
      { onSuccess: () => void navigate(safeRedirect(searchParams.get('redirectTo')), { replace: true }) },
    );
  }

  return (
    <AuthLayout title={t('auth.login.title')}>
      <p className="auth__intro">{t('auth.login.intro')}</p>
      {searchParams.get('sso') === 'failed' && (
        <p className="alert alert--error" role="alert">
          {t('auth.login.ssoFailed')}
          {failedReason && <> {t(`auth.login.ssoReason.${failedReason}`)}</>}
        </p>
      )}
      {searchParams.get('erased') === '1' && (
        <p className="alert alert--success" role="status">
          {t('auth.login.erased')}
        </p>
      )}
      {sso?.enabled && sso.login_url && (
        <p>
          <a className="button button--secondary auth__sso" href={`${sso.login_url}?next=${encodeURIComponent(redirectTo)}`}>
            {sso.label}
          </a>
        </p>
      )}
      <form className="form" onSubmit={handleSubmit} noValidate>
        <FormError error={login.error} />
        <TextField
          label={t('fields.email')}
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          errors={fieldErrors(login.error, 'email')}
        />
        <TextField
          label={t('fields.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          errors={fieldErrors(login.error, 'password')}
        />
        <Button type="submit" isPending={login.isPending}>
          {t('auth.login.submit')}
        </Button>
      </form>
      <p className="auth__links">
        <Link to={paths.forgotPassword}>{t('auth.login.forgotPassword')}</Link>
      </p>
      <p className="auth__links">
        <Link to={paths.experts}>{t('auth.login.publicDirectory')}</Link>
      </p>
    </AuthLayout>
  );
}
