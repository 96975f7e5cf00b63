import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { Button } from '@/components/ui/button';
import { SuccessAlert } from '@/components/ui/error-alert';
import { FormError, TextField } from '@/components/ui/form';
import { fieldErrors } from '@/components/ui/error-message';

import { useDocumentTitle } from '@/lib/use-document-title';
import { paths } from '@/config/paths';
import { useRequestPasswordReset } from '@/features/auth/api/password-reset';
import { AuthLayout } from '@/features/auth/components/auth-layout';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.forgot.title'));
  const reset = useRequestPasswordReset();
  const [email, setEmail] = useState('');

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    reset.mutate({ email: email.trim() });
  }

  return (
    <AuthLayout title={t('auth.forgot.title')}>
      {reset.isSuccess ? (
        <SuccessAlert>
          <p>{t('auth.forgot.sent', { email: email.trim() })}</p>
        </SuccessAlert>
      ) : (
        <>
          <p className="auth__intro">{t('auth.forgot.intro')}</p>
          <form className="form" onSubmit={handleSubmit} noValidate>
            <FormError error={reset.error} />
            <TextField
              label={t('fields.email')}
              type="email"
              name="email"
              autoComplete="email"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              errors={fieldErrors(reset.error, 'email')}
            />
            <Button type="submit" isPending={reset.isPending}>
              {t('auth.forgot.submit')}
            </Button>
          </form>
        </>
      )}
      <p className="auth__links">
        <Link to={paths.login}>{t('auth.backToLogin')}</Link>
      </p>
    </AuthLayout>
  );
}
