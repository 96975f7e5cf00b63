import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { TaskCard } from '@/components/ui/task-card';
import { paths } from '@/config/paths';
import { getMyProfile, profileQueryKey } from '@/features/profile/api/profile';

/** The next thing that makes the person's profile findable: the first of the server's completeness hints. */
export function NextProfileStep() {
  const { t } = useTranslation();
  // Its own cache entry: the editor copies the profile into its form state when it opens, so it must not
  // start from a copy the start page fetched earlier (invalidating ['profile', 'me'] still refreshes both).
  const profile = useQuery({ queryKey: [...profileQueryKey, 'me', 'start'], queryFn: getMyProfile });
  const data = profile.data;
  const next = data?.completeness.hints[0];
  const done = data !== undefined && next === undefined && data.is_published;
  return (
    <TaskCard
      testId="start-profile"
      title={t('start.profile.title')}
      isPending={profile.isPending}
      error={profile.error}
      tone={done ? 'ok' : 'attention'}
      to={paths.profile}
      linkLabel={t(done ? 'start.profile.open' : 'start.profile.continue')}
    >
      {data && (
        <>
          <div className="task-card__meter">
            <progress max={100} value={data.completeness.score} aria-label={t('start.profile.completeness')} />
            <span>{t('start.profile.score', { score: data.completeness.score })}</span>
          </div>
          {next && <p className="task-card__next">{t('start.profile.next', { step: next.message })}</p>}
          {!next && !data.is_published && <p className="task-card__next">{t('start.profile.publish')}</p>}
          {done && <p className="muted">{t('start.profile.done')}</p>}
        </>
      )}
    </TaskCard>
  );
}
