import { useId } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { formatDateTime } from '@/components/ui/format';
import { Card } from '@/components/ui/page';
import { publishProfile, unpublishProfile, useProfileMutation, type MyProfile } from '@/features/profile/api/profile';

/** Completeness with the server's hints, and publishing: nothing is public before it. */
export function StatusSection({ profile }: { profile: MyProfile }) {
  const { t } = useTranslation();
  const meterId = useId();
  const publish = useProfileMutation(publishProfile);
  const unpublish = useProfileMutation(unpublishProfile);
  const { score, hints } = profile.completeness;

  return (
    <Card title={t('profile.status.title')}>
      <div className="completeness">
        <label htmlFor={meterId}>{t('profile.status.completeness')}</label>
        <progress id={meterId} className="completeness__meter" max={100} value={score} aria-valuetext={`${String(score)} %`} />
        <span className="completeness__value" aria-hidden="true">{score} %</span>
      </div>
      {hints.length > 0 && (
        <>
          <p>{t('profile.status.hintsIntro')}</p>
          <ul className="completeness__hints" data-testid="completeness-hints">
            {hints.map((hint) => (
              <li key={hint.code}>{hint.message}</li>
            ))}
          </ul>
        </>
      )}
      <div className="publish" role="status" data-testid="publish-status">
        {profile.is_published
          ? t('profile.status.published', { date: formatDateTime(profile.published_at) })
          : t('profile.status.unpublished')}
      </div>
      <ErrorAlert error={publish.error ?? unpublish.error} />
      {profile.is_published ? (
        <Button variant="secondary" isPending={unpublish.isPending} onClick={() => unpublish.mutate(undefined)}>
          {t('profile.status.unpublish')}
        </Button>
      ) : (
        <Button isPending={publish.isPending} onClick={() => publish.mutate(undefined)}>
          {t('profile.status.publish')}
        </Button>
      )}
    </Card>
  );
}
