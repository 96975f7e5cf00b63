import { useTranslation } from 'react-i18next';

import { TaskCard } from '@/components/ui/task-card';
import { paths } from '@/config/paths';
import { useMyImpact, useTargets } from '@/features/analytics/api/analytics';
import { formatNumber } from '@/lib/format';

/** The person's own figures of this calendar month in the company's time zone (visible only to them). */
export function MonthImpact() {
  const { t } = useTranslation();
  const impact = useMyImpact({ month: 'current' });
  const totals = impact.data?.totals;
  const figures = totals
    ? ([
        ['shares', totals.shares],
        ['clicks', totals.clicks],
        ['profileViews', totals.profile_views],
        ['contactRequests', totals.contact_requests],
      ] as const)
    : [];
  return (
    <TaskCard
      testId="start-impact"
      title={t('start.impact.title')}
      isPending={impact.isPending}
      error={impact.error}
      to={paths.myImpact}
      linkLabel={t('start.impact.link')}
    >
      {totals && (
        <dl className="task-card__figures">
          {figures.map(([name, value]) => (
            <div key={name}>
              <dt>{t(`start.impact.${name}`)}</dt>
              <dd>{formatNumber(value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </TaskCard>
  );
}

/** Targets whose forecast misses them (at risk) or that were missed: what a manager should look at. */
export function TargetsAtRisk() {
  const { t } = useTranslation();
  const targets = useTargets();
  const risky = (targets.data ?? []).filter((target) => target.status === 'at_risk' || target.status === 'missed');
  return (
    <TaskCard
      testId="start-targets"
      title={t('start.targets.title')}
      count={targets.data ? risky.length : undefined}
      countLabel={t('start.targets.atRisk', { count: risky.length })}
      tone={risky.length ? 'attention' : 'ok'}
      isPending={targets.isPending}
      error={targets.error}
      to={paths.analytics}
      linkLabel={t('start.targets.link')}
    >
      {targets.data && risky.length === 0 && (
        <p className="muted">{t(targets.data.length ? 'start.targets.none' : 'start.targets.noTargets')}</p>
      )}
      {risky.length > 0 && (
        <ul className="task-card__list">
          {risky.slice(0, 3).map((target) => (
            <li key={target.id}>
              <span className="task-card__item">{target.kpi_label}</span>
              {target.department_name && <span className="muted"> · {target.department_name}</span>}
              <span className="muted"> · {t('start.targets.progress', { value: formatNumber(target.progress === null ? null : target.progress * 100) })}</span>
            </li>
          ))}
        </ul>
      )}
    </TaskCard>
  );
}
