import { useTranslation } from 'react-i18next';

import { ErrorAlert, SuccessAlert } from '@/components/ui/error-alert';
import { Card } from '@/components/ui/page';
import { useContentSettings, useUpdateContentSettings } from '@/features/content/api/content';
import { useCurrentUser } from '@/lib/auth';

/** The four-eyes rule of the organisation: admins switch self-approval on or off, managers see it. */
export function ApprovalSettings() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const settings = useContentSettings();
  const update = useUpdateContentSettings();
  if (!settings.data) return <ErrorAlert error={settings.error} />;
  const isAdmin = me.role === 'admin';
  return (
    <Card title={t('content.settings.title')}>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={settings.data.allow_self_approval}
          disabled={!isAdmin || update.isPending}
          onChange={(event) => update.mutate({ allow_self_approval: event.target.checked })}
        />{' '}
        {t('content.settings.allowSelfApproval')}
      </label>
      <p className="muted">{t('content.settings.hint')}</p>
      {update.isSuccess && <SuccessAlert>{t('content.settings.saved')}</SuccessAlert>}
      <ErrorAlert error={update.error} />
    </Card>
  );
}
