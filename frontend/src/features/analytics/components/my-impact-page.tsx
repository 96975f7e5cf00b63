import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorAlert } from '@/components/ui/error-alert';
import { SelectField } from '@/components/ui/form';
import { Card, PageHeader } from '@/components/ui/page';
import { Spinner } from '@/components/ui/spinner';
import { myExportHref, useLeaderboard, useMyImpact, useSetPreference, type Filters } from '@/features/analytics/api/analytics';
import { formatDay } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';

import '../analytics.css';
import { LineChart } from './charts';
import { ComputedAt } from './computed-at';
import { formatNumber } from './format';

const TOTALS = ['shares', 'clicks', 'reach', 'conversions', 'profile_views', 'search_appearances', 'contact_requests'] as const;
const LABELS = {
  shares: 'analytics.kpis.shares',
  clicks: 'analytics.kpis.clicks',
  reach: 'analytics.kpis.potential_reach',
  conversions: 'analytics.kpis.conversions',
  profile_views: 'analytics.kpis.profile_views',
  search_appearances: 'analytics.kpis.search_appearances',
  contact_requests: 'analytics.kpis.contact_requests',
} as const;

function Leaderboard({ filters, computedAt }: { filters: Filters; computedAt: string | null | undefined }) {
  const { t } = useTranslation();
  const rows = useLeaderboard(filters);
  return (
    <Card title={t('analytics.leaderboard.title')}>
      <ComputedAt computedAt={computedAt} />
      <p className="muted">{t('analytics.leaderboard.explain')}</p>
      <ErrorAlert error={rows.error} />
      {rows.data && rows.data.length === 0 && <p className="muted">{t('analytics.leaderboard.empty')}</p>}
      {rows.data && rows.data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('analytics.leaderboard.name')}</th>
                <th scope="col">{t('analytics.kpis.shares')}</th>
                <th scope="col">{t('analytics.kpis.clicks')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.data.map((row) => (
                <tr key={row.user_id}>
                  <td>{row.rank}</td>
                  <th scope="row">
                    {row.name}
                    <span className="table__secondary">{row.department}</span>
                  </th>
                  <td>{formatNumber(row.shares)}</td>
                  <td>{formatNumber(row.clicks)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

export function MyImpactPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('analytics.me.title'));
  const [days, setDays] = useState(90);
  const filters: Filters = { days };
  const impact = useMyImpact(filters);
  const preference = useSetPreference();
  const data = impact.data;
  return (
    <>
      <PageHeader title={t('analytics.me.title')} description={t('analytics.me.description')} />
      <form className="analytics-filters" onSubmit={(event) => event.preventDefault()} aria-label={t('analytics.filters.label')}>
        <SelectField
          label={t('analytics.filters.range')}
          value={String(days)}
          options={[30, 90, 365].map((value) => ({ value: String(value), label: t('analytics.filters.lastDays', { count: value }) }))}
          onChange={(event) => setDays(Number(event.target.value))}
        />
      </form>
      <ErrorAlert error={impact.error ?? preference.error} />
      {impact.isPending && <Spinner />}
      {data && (
        <>
          <Card title={t('analytics.me.totals')}>
            <ul className="kpis" aria-label={t('analytics.me.totals')}>
              {TOTALS.map((name) => (
                <li className="kpi" key={name} data-testid={`my-${name}`}>
                  <span className="kpi__label">
                    {t(LABELS[name])}
                    {name === 'reach' && <span className="badge kpi__estimate">{t('analytics.estimate')}</span>}
                  </span>
                  <span className="kpi__value">{formatNumber(data.totals[name])}</span>
                </li>
              ))}
              <li className="kpi">
                <span className="kpi__label">{t('analytics.kpis.clicks_per_share')}</span>
                <span className="kpi__value">{formatNumber(data.clicks_per_share, 2)}</span>
              </li>
            </ul>
            <ComputedAt computedAt={data.computed_at} />
            <span className="export-links">
              {(['csv', 'xlsx'] as const).map((format) => (
                <a key={format} className="button button--secondary button--small" href={myExportHref(format, filters)} download>
                  {t('analytics.me.export', { format: format.toUpperCase() })}
                </a>
              ))}
            </span>
          </Card>
          <Card title={t('analytics.me.overTime')}>
            <LineChart
              title={t('analytics.me.chart')}
              labels={data.points.map((point) => formatDay(point.date))}
              series={(['shares', 'clicks', 'profile_views'] as const).map((name) => ({
                key: name,
                label: t(LABELS[name]),
                values: data.points.map((point) => point[name]),
              }))}
            />
          </Card>
          <Card title={t('analytics.me.optInTitle')}>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={data.share_figures}
                disabled={preference.isPending}
                onChange={(event) => preference.mutate(event.target.checked)}
              />{' '}
              {t('analytics.me.optIn')}
            </label>
            <p className="muted">{t('analytics.me.optInHint')}</p>
          </Card>
        </>
      )}
      <Leaderboard filters={filters} computedAt={data?.computed_at} />
    </>
  );
}
