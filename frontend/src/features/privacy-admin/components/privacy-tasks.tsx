import { useTranslation } from 'react-i18next';

import { TaskCard } from '@/components/ui/task-card';
import { paths } from '@/config/paths';
import { useRetentionRules } from '@/features/privacy-admin/api/privacy-admin';

/**
 * Privacy requests arrive by mail or letter (there is no queue of them here): the card says what to do with
 * one and shows how many retention rules differ from the defaults.
 */
export function PrivacyTasks() {
  const { t } = useTranslation();
  const retention = useRetentionRules();
  const customised = retention.data?.filter((rule) => rule.customised).length ?? 0;
  return (
    <TaskCard
      testId="start-privacy"
      title={t('start.privacy.title')}
      isPending={retention.isPending}
      error={retention.error}
      to={paths.adminPrivacy}
      linkLabel={t('start.privacy.link')}
    >
      <p>{t('start.privacy.text')}</p>
      {retention.data && (
        <p className="muted">{t('start.privacy.retention', { count: retention.data.length, customised })}</p>
      )}
    </TaskCard>
  );
}
