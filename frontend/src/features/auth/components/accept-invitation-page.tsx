import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';

import { ErrorAlert } from '@/components/ui/error-alert';
import { Button } from '@/components/ui/button';
import { formatDateTime } from '@/components/ui/format';
import { FormError } from '@/components/ui/form';
import { roleLabel } from '@/components/ui/labels';

import { useDocumentTitle } from '@/lib/use-document-title';
import { Spinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { useAcceptInvitation, useInvitation } from '@/features/auth/api/invitation';
import { AuthLayout } from '@/features/auth/components/auth-layout';
import { NewPasswordFields } from '@/features/auth/components/new-password-fields';

export function AcceptInvitationPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.invite.title'));
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const invitation = useInvitation(token);
  const accept = useAcceptInvitation();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [submitted, setSubmitted] = useState(false);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    if (password !== repeat) return;
    accept.mutate({ token, password }, { onSuccess: () => void navigate(paths.home, { replace: true }) });
  }

  if (invitation.isPending) {
    return (
      <AuthLayout title={t('auth.invite.title')}>
        <Spinner />
      </AuthLayout>
    );
  }

  if (invitation.isError) {
    return (
      <AuthLayout title={t('auth.invite.title')}>
        <ErrorAlert error={invitation.error} title={t('auth.invite.invalid')} />
        <p className="auth__links">
          <Link to={paths.login}>{t('auth.backToLogin')}</Link>
        </p>
      </AuthLayout>
    );
  }

  const data = invitation.data;
  return (
    <AuthLayout title={t('auth.invite.title')}>
      <p className="auth__intro">
        {t('auth.invite.intro', { name: `${data.first_name} ${data.last_name}`.trim() || data.email })}
      </p>
      <dl className="facts">
        <dt>{t('fields.email')}</dt>
        <dd data-testid="invitation-email">{data.email}</dd>
        <dt>{t('fields.role')}</dt>
        <dd>{roleLabel(t, data.role)}</dd>
        <dt>{t('auth.invite.expires')}</dt>
        <dd>{formatDateTime(data.expires_at)}</dd>
      </dl>
      <form className="form" onSubmit={handleSubmit} noValidate>
        <FormError error={accept.error} />
        {/* Lets password managers store the new password under the right account. */}
        <input type="email" name="email" value={data.email} autoComplete="username" readOnly hidden />
        <NewPasswordFields
          password={password}
          repeat={repeat}
          onPasswordChange={setPassword}
          onRepeatChange={setRepeat}
          error={accept.error}
          showMismatch={submitted && password !== repeat}
        />
        <Button type="submit" isPending={accept.isPending}>
          {t('auth.invite.submit')}
        </Button>
      </form>
    </AuthLayout>
  );
}
