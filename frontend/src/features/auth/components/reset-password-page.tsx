import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';

import { Button } from '@/components/ui/button';
import { SuccessAlert } from '@/components/ui/error-alert';
import { FormError } from '@/components/ui/form';

import { useDocumentTitle } from '@/lib/use-document-title';
import { paths } from '@/config/paths';
import { useConfirmPasswordReset } from '@/features/auth/api/password-reset';
import { AuthLayout } from '@/features/auth/components/auth-layout';
import { NewPasswordFields } from '@/features/auth/components/new-password-fields';
import { isApiError } from '@/lib/api-error';

export function ResetPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.reset.title'));
  const { uid = '', token = '' } = useParams();
  const confirm = useConfirmPasswordReset();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const mismatch = submitted && password !== repeat;
  const invalidLink = isApiError(confirm.error) && confirm.error.code === 'invalid_token';

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    if (password !== repeat) return;
    confirm.mutate({ uid, token, password });
  }

  return (
    <AuthLayout title={t('auth.reset.title')}>
      {confirm.isSuccess ? (
        <>
          <SuccessAlert>
            <p>{t('auth.reset.done')}</p>
          </SuccessAlert>
          <p className="auth__links">
            <Link to={paths.login}>{t('auth.backToLogin')}</Link>
          </p>
        </>
      ) : (
        <>
          <form className="form" onSubmit={handleSubmit} noValidate>
            <FormError error={confirm.error} />
            {invalidLink && (
              <p>
                <Link to={paths.forgotPassword}>{t('auth.reset.requestNew')}</Link>
              </p>
            )}
            <NewPasswordFields
              password={password}
              repeat={repeat}
              onPasswordChange={setPassword}
              onRepeatChange={setRepeat}
              error={confirm.error}
              showMismatch={mismatch}
            />
            <Button type="submit" isPending={confirm.isPending}>
              {t('auth.reset.submit')}
            </Button>
          </form>
          <p className="auth__links">
            <Link to={paths.login}>{t('auth.backToLogin')}</Link>
          </p>
        </>
      )}
    </AuthLayout>
  );
}
