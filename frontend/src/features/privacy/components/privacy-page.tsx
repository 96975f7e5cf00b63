import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { fieldErrors } from '@/components/ui/error-message';
import { FormError, TextField } from '@/components/ui/form';
import { Card, PageHeader } from '@/components/ui/page';
import { Spinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { EXPORT_URL, useConsents, useEraseMyAccount, useSetConsent } from '@/features/privacy/api/privacy';
import { useCurrentUser } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/use-document-title';

function Consents() {
  const { t } = useTranslation();
  const consents = useConsents();
  const setConsent = useSetConsent();
  if (consents.isPending) return <Spinner />;
  return (
    <>
      <ErrorAlert error={consents.error ?? setConsent.error} />
      <ul className="checklist">
        {consents.data?.map((consent) => (
          <li key={consent.purpose}>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={consent.granted}
                disabled={setConsent.isPending}
                onChange={(event) => setConsent.mutate({ purpose: consent.purpose, granted: event.target.checked })}
              />
              <span>{t(`privacy.consents.purposes.${consent.purpose}`)}</span>
            </label>
          </li>
        ))}
      </ul>
    </>
  );
}

function EraseAccount() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const erase = useEraseMyAccount();
  const [confirmEmail, setConfirmEmail] = useState('');
  const [asking, setAsking] = useState(false);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAsking(true);
  }

  return (
    <form className="form" onSubmit={handleSubmit} noValidate>
      <p>{t('privacy.erase.intro')}</p>
      <FormError error={erase.error} />
      <TextField
        label={t('privacy.erase.confirmLabel', { email: user.email })}
        type="email"
        autoComplete="off"
        value={confirmEmail}
        onChange={(event) => setConfirmEmail(event.target.value)}
        errors={fieldErrors(erase.error, 'confirm_email')}
      />
      <Button type="submit" variant="danger" disabled={!confirmEmail.trim()}>
        {t('privacy.erase.submit')}
      </Button>
      {asking && (
        <ConfirmDialog
          title={t('privacy.erase.confirmTitle')}
          confirmLabel={t('privacy.erase.confirm')}
          isPending={erase.isPending}
          error={erase.error}
          onCancel={() => setAsking(false)}
          onConfirm={() =>
            erase.mutate(confirmEmail.trim(), {
              onSuccess: () => void navigate(`${paths.login}?erased=1`, { replace: true }),
              onError: () => setAsking(false),
            })
          }
        >
          {t('privacy.erase.confirmText')}
        </ConfirmDialog>
      )}
    </form>
  );
}

export function PrivacyPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('privacy.title'));
  return (
    <>
      <PageHeader title={t('privacy.title')} description={t('privacy.description')} />
      <Card title={t('privacy.export.title')}>
        <p>{t('privacy.export.text')}</p>
        <a className="button button--secondary" href={EXPORT_URL} download>
          {t('privacy.export.download')}
        </a>
      </Card>
      <Card title={t('privacy.consents.title')}>
        <p>{t('privacy.consents.text')}</p>
        <Consents />
      </Card>
      <Card title={t('privacy.erase.title')}>
        <EraseAccount />
      </Card>
    </>
  );
}
