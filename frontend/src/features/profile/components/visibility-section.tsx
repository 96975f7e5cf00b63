import { useTranslation } from 'react-i18next';

import { ErrorAlert, SuccessAlert } from '@/components/ui/error-alert';
import { SelectField } from '@/components/ui/form';
import { Card } from '@/components/ui/page';
import { updateMyProfile, useProfileMutation, type MyProfile, type Visibility, type VisibilityLevel } from '@/features/profile/api/profile';

const SECTIONS = ['basics', 'bio', 'skills', 'languages', 'links', 'availability'] as const satisfies readonly (keyof Visibility)[];
const LEVELS = ['private', 'internal', 'public_noindex', 'public'] as const satisfies readonly VisibilityLevel[];

/** Who may see each section; a change is saved at once. */
export function VisibilitySection({ profile }: { profile: MyProfile }) {
  const { t } = useTranslation();
  const save = useProfileMutation(updateMyProfile);

  return (
    <Card title={t('profile.visibility.title')}>
      <p className="muted">{t('profile.visibility.intro')}</p>
      {!profile.is_published && <p className="alert alert--warning">{t('profile.visibility.unpublished')}</p>}
      <ErrorAlert error={save.error} />
      {save.isSuccess && <SuccessAlert>{t('profile.saved')}</SuccessAlert>}
      <div className="form form--grid">
        {SECTIONS.map((section) => (
          <SelectField
            key={section}
            label={t(`profile.visibility.sections.${section}`)}
            value={profile.visibility[section]}
            disabled={save.isPending}
            onChange={(event) => save.mutate({ visibility: { [section]: event.target.value as VisibilityLevel } })}
            options={LEVELS.map((level) => ({ value: level, label: t(`profile.visibility.levels.${level}`) }))}
          />
        ))}
      </div>
    </Card>
  );
}
