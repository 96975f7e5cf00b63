import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { SelectField } from '@/components/ui/form';
import { Card, PageHeader } from '@/components/ui/page';
import { Spinner } from '@/components/ui/spinner';
import {
  useBreakdown,
  useDrilldown,
  useOverview,
  useTopContent,
  useTrends,
  type Dimension,
  type Filters,
  type Interval,
  type Kpi,
  type Overview,
} from '@/features/analytics/api/analytics';
import { formatDate, formatDateTime, formatDay, formatDecimal, formatPercent } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';

import '../analytics.css';
import { BarChart, LineChart } from './charts';
import { ComputedAt } from './computed-at';
import { ExportLinks } from './export-links';
import { formatKpi, formatNumber } from './format';
import { FiltersBar } from './filters-bar';
import { SettingsCard } from './settings-card';
import { TargetsCard } from './targets-card';
import { useWithheldLabel } from '@/features/analytics/hooks/use-withheld-label';
import { Withheld } from './withheld';

const HEADLINE: Kpi['key'][] = [
  'shares',
  'clicks',
  'clicks_per_share',
  'potential_reach',
  'estimated_impressions',
  'media_value',
  'active_advocates',
  'adoption_rate',
];
const DRILLABLE = new Set<Kpi['key']>(['shares', 'clicks', 'conversions', 'applications', 'job_shares', 'job_clicks']);

type Drill = { content?: number; label: string } | null;

function KpiCard({ kpi, currency, minGroup, onDrill }: { kpi: Kpi; currency: string; minGroup: number; onDrill?: () => void }) {
  const { t } = useTranslation();
  const change = kpi.change;
  return (
    <li className="kpi" data-testid={`kpi-${kpi.key}`}>
      <span className="kpi__label">
        {t(`analytics.kpis.${kpi.key}`, kpi.label)}
        {kpi.estimate && <span className="badge kpi__estimate">{t('analytics.estimate')}</span>}
      </span>
      <span className="kpi__value">
        {kpi.suppressed_reason ? <Withheld reason={kpi.suppressed_reason} minGroup={minGroup} /> : formatKpi(kpi.value, kpi.unit, currency)}
      </span>
      {change !== null && (
        <span className={`kpi__change ${change >= 0 ? 'kpi__change--up' : 'kpi__change--down'}`}>
          {t('analytics.change', { value: `${change > 0 ? '+' : ''}${formatPercent(change, 1)}` })}
        </span>
      )}
      {kpi.company !== null && (
        <span className="kpi__meta">{t('analytics.company', { value: formatKpi(kpi.company, kpi.unit, currency) })}</span>
      )}
      {kpi.benchmark !== null && (
        <span className="kpi__meta">
          {t('analytics.benchmark', { value: formatKpi(kpi.benchmark, kpi.unit, currency) })}
        </span>
      )}
      {onDrill && kpi.value !== null && (
        <Button size="small" variant="secondary" onClick={onDrill} aria-label={t('analytics.drilldown.openFor', { name: t(`analytics.kpis.${kpi.key}`, kpi.label) })}>
          {t('analytics.drilldown.open')}
        </Button>
      )}
    </li>
  );
}

function EstimateInputs({ overview }: { overview: Overview }) {
  const { t } = useTranslation();
  const withheld = useWithheldLabel();
  if (!overview.estimates || overview.estimates.inputs.length === 0) return null;
  return (
    <details className="estimate-inputs">
      <summary>{t('analytics.inputs.title')}</summary>
      <p className="muted">{t('analytics.inputs.explain')}</p>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('analytics.filters.network')}</th>
              <th scope="col">{t('analytics.inputs.cpc', { currency: overview.currency })}</th>
              <th scope="col">{t('analytics.inputs.cpm', { currency: overview.currency })}</th>
              <th scope="col">{t('analytics.inputs.viewRate')}</th>
              <th scope="col">{t('analytics.kpis.clicks')}</th>
              <th scope="col">{t('analytics.kpis.potential_reach')}</th>
              <th scope="col">{t('analytics.kpis.estimated_impressions')}</th>
            </tr>
          </thead>
          <tbody>
            {overview.estimates.inputs.map((input) => (
              <tr key={input.network}>
                <th scope="row">
                  {t(`analytics.networks.${input.network}`, input.network)}
                  {!input.configured && <span className="table__secondary">{t('analytics.inputs.notConfigured')}</span>}
                </th>
                <td>{formatDecimal(Number(input.cpc))}</td>
                <td>{formatDecimal(Number(input.cpm))}</td>
                <td>{formatPercent(Number(input.view_rate), 1)}</td>
                {input.suppressed_reason ? (
                  <td colSpan={3}>{withheld(input.suppressed_reason, overview.min_group_size)}</td>
                ) : (
                  <>
                    <td>{formatNumber(input.clicks)}</td>
                    <td>{formatNumber(input.reach)}</td>
                    <td>{formatNumber(input.impressions)}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function TrendsCard({ filters }: { filters: Filters }) {
  const { t } = useTranslation();
  const [interval, setInterval] = useState<Interval>('day');
  const trends = useTrends(filters, interval);
  const metrics = ['shares', 'clicks', 'conversions'] as const;
  return (
    <Card title={t('analytics.trends.title')}>
      <div className="card__toolbar">
        <SelectField
          label={t('analytics.trends.interval')}
          value={interval}
          options={(['day', 'week', 'month'] as const).map((value) => ({ value, label: t(`analytics.trends.${value}`) }))}
          onChange={(event) => setInterval(event.target.value as Interval)}
        />
        <ExportLinks table="trends" filters={filters} name={t('analytics.trends.title')} extra={{ interval }} />
        <ComputedAt computedAt={trends.data?.computed_at} />
      </div>
      <ErrorAlert error={trends.error} />
      {trends.data?.suppressed && <p className="alert alert--info">{t('analytics.suppressed')}</p>}
      {trends.data && !trends.data.suppressed && (
        <TrendsChart points={trends.data.points} metrics={metrics} minGroup={trends.data.min_group_size} />
      )}
    </Card>
  );
}

type TrendPoint = NonNullable<ReturnType<typeof useTrends>['data']>['points'][number];

/** Months whose figures are withheld are left out of the chart (never drawn as 0) and counted below it. */
function TrendsChart({ points, metrics, minGroup }: { points: TrendPoint[]; metrics: readonly ('shares' | 'clicks' | 'conversions')[]; minGroup: number }) {
  const { t } = useTranslation();
  const shown = points.filter((point) => metrics.every((metric) => point[metric] !== null));
  const hidden = points.length - shown.length;
  return (
    <>
      <LineChart
        title={t('analytics.trends.chart')}
        labels={shown.map((point) => formatDay(point.date))}
        series={metrics.map((metric) => ({
          key: metric,
          label: t(`analytics.kpis.${metric}`),
          values: shown.map((point) => point[metric] ?? 0),
        }))}
      />
      {hidden > 0 && (
        <p className="muted" data-testid="trends-withheld">
          {t('analytics.trendsWithheld', { count: hidden, min: minGroup })}
        </p>
      )}
    </>
  );
}

function BreakdownCard({ filters, onDrill }: { filters: Filters; onDrill: (drill: Drill) => void }) {
  const { t } = useTranslation();
  const [by, setBy] = useState<Dimension>('department');
  const [metric, setMetric] = useState<'clicks' | 'shares' | 'reach' | 'conversions'>('clicks');
  const breakdown = useBreakdown(filters, by);
  const withheld = useWithheldLabel();
  return (
    <Card title={t('analytics.breakdown.title')}>
      <div className="card__toolbar">
        <SelectField
          label={t('analytics.breakdown.by')}
          value={by}
          options={(['department', 'network', 'content', 'topic'] as const).map((value) => ({ value, label: t(`analytics.breakdown.${value}`) }))}
          onChange={(event) => setBy(event.target.value as Dimension)}
        />
        <SelectField
          label={t('analytics.breakdown.metric')}
          value={metric}
          options={(['clicks', 'shares', 'reach', 'conversions'] as const).map((value) => ({ value, label: t(`analytics.kpis.${value === 'reach' ? 'potential_reach' : value}`) }))}
          onChange={(event) => setMetric(event.target.value as typeof metric)}
        />
        <ExportLinks table={`breakdown_${by}`} filters={filters} name={t('analytics.breakdown.title')} />
        <ComputedAt computedAt={breakdown.data?.computed_at} />
      </div>
      <ErrorAlert error={breakdown.error} />
      {breakdown.data && (
        <BarChart
          title={t('analytics.breakdown.chart', { dimension: t(`analytics.breakdown.${by}`) })}
          valueLabel={t(`analytics.kpis.${metric === 'reach' ? 'potential_reach' : metric}`)}
          bars={breakdown.data.rows.map((row) => ({
            key: row.key,
            label: by === 'network' ? t(`analytics.networks.${row.key}`, row.label) : row.label,
            value: row[metric] ?? null,
            note: row[metric] === null ? withheld(row.suppressed_reason ?? 'min_group', breakdown.data.min_group_size) : undefined,
          }))}
          onSelect={by === 'content' ? (bar) => onDrill({ content: Number(bar.key), label: bar.label }) : undefined}
          selectLabel={(bar) => t('analytics.drilldown.openFor', { name: bar.label })}
        />
      )}
    </Card>
  );
}

function TopContentCard({ filters, onDrill }: { filters: Filters; onDrill: (drill: Drill) => void }) {
  const { t } = useTranslation();
  const top = useTopContent(filters);
  return (
    <Card title={t('analytics.top.title')}>
      <div className="card__toolbar">
        <ExportLinks table="top_content" filters={filters} name={t('analytics.top.title')} />
        <ComputedAt computedAt={top.data?.computed_at} />
      </div>
      <ErrorAlert error={top.error} />
      {top.data && top.data.rows.length === 0 && <p className="muted">{t('analytics.empty')}</p>}
      {top.data && top.data.rows.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('analytics.top.item')}</th>
                <th scope="col">{t('analytics.kpis.shares')}</th>
                <th scope="col">{t('analytics.kpis.clicks')}</th>
                <th scope="col">{t('analytics.kpis.clicks_per_share')}</th>
                <th scope="col">{t('analytics.kpis.conversions')}</th>
              </tr>
            </thead>
            <tbody>
              {top.data.rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">
                    <button type="button" className="link-button" onClick={() => onDrill({ content: Number(row.key), label: row.label })}>
                      {row.label}
                    </button>
                    {row.kind && <span className="table__secondary">{t(`analytics.kinds.${row.kind}`, row.kind)}</span>}
                  </th>
                  {row.suppressed && row.suppressed_reason ? (
                    <td colSpan={4}>
                      <Withheld reason={row.suppressed_reason} minGroup={top.data.min_group_size} />
                    </td>
                  ) : (
                    <>
                      <td>{formatNumber(row.shares)}</td>
                      <td>{formatNumber(row.clicks)}</td>
                      <td>{formatNumber(row.clicks_per_share, 2)}</td>
                      <td>{formatNumber(row.conversions)}</td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

function DrilldownCard({ filters, drill, onClose }: { filters: Filters; drill: NonNullable<Drill>; onClose: () => void }) {
  const { t } = useTranslation();
  const items = useDrilldown(filters, drill.content, true);
  return (
    <Card title={t('analytics.drilldown.title', { name: drill.label })}>
      <div className="card__toolbar">
        <ExportLinks table="drilldown" filters={filters} name={t('analytics.drilldown.short')} extra={{ content: drill.content }} />
        <ComputedAt computedAt={items.data?.computed_at} />
        <Button size="small" variant="secondary" onClick={onClose}>
          {t('analytics.drilldown.close')}
        </Button>
      </div>
      {items.isPending && <Spinner />}
      <ErrorAlert error={items.error} />
      {items.data?.suppressed && <p className="alert alert--info">{t('analytics.suppressed')}</p>}
      {items.data && !items.data.suppressed && (
        <>
          {items.data.only_opted_in ? (
            <p className="muted" data-testid="drilldown-opted-in">{t('analytics.onlyOptedIn')}</p>
          ) : (
            <p className="muted">{t('analytics.drilldown.total', { count: items.data.total ?? 0, formatted: formatNumber(items.data.total) })}</p>
          )}
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('analytics.drilldown.sharedAt')}</th>
                  <th scope="col">{t('analytics.top.item')}</th>
                  <th scope="col">{t('analytics.filters.network')}</th>
                  <th scope="col">{t('analytics.filters.department')}</th>
                  <th scope="col">{t('analytics.drilldown.person')}</th>
                  <th scope="col">{t('analytics.kpis.clicks')}</th>
                  <th scope="col">{t('analytics.kpis.conversions')}</th>
                </tr>
              </thead>
              <tbody>
                {items.data.items.map((item) => (
                  <tr key={item.id}>
                    <td>{formatDateTime(item.shared_at)}</td>
                    <th scope="row">{item.content_title}</th>
                    <td>{t(`analytics.networks.${item.network}`, item.network)}</td>
                    <td>{item.department}</td>
                    <td>{item.person ?? t('analytics.drilldown.hidden')}</td>
                    <td>{formatNumber(item.clicks)}</td>
                    <td>{formatNumber(item.conversions)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Card>
  );
}

export function AnalyticsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('analytics.title'));
  const [filters, setFilters] = useState<Filters>({ days: 30 });
  const [drill, setDrill] = useState<Drill>(null);
  const overview = useOverview(filters);
  const data = overview.data;
  const kpis = data?.kpis ?? [];
  const headline = HEADLINE.map((key) => kpis.find((kpi) => kpi.key === key)).filter((kpi): kpi is Kpi => Boolean(kpi));
  const others = kpis.filter((kpi) => !HEADLINE.includes(kpi.key));
  return (
    <>
      <PageHeader title={t('analytics.title')} description={t('analytics.description')} />
      <FiltersBar filters={filters} range={data && { start: data.start, end: data.end }} onChange={(next) => { setFilters(next); setDrill(null); }} />
      <ErrorAlert error={overview.error} />
      {overview.isPending && <Spinner />}
      {data && (
        <>
          {data.works_council_mode && <p className="muted">{t('analytics.worksCouncil')}</p>}
          {data.publication.snapped && (
            <p className="alert alert--info" role="status" data-testid="publication-note">
              {t('analytics.publication', { start: data.publication.start, end: data.publication.end })}
            </p>
          )}
          {data.suppressed && (
            <p className="alert alert--info" role="status">
              {t('analytics.suppressed')}
            </p>
          )}
          <Card title={t('analytics.overview.title')}>
            <div className="card__toolbar">
              <span className="muted">
                {t('analytics.overview.period', {
                  start: formatDate(data.start),
                  end: formatDate(data.end),
                  previousStart: formatDate(data.previous_start),
                  previousEnd: formatDate(data.previous_end),
                })}
              </span>
              <ComputedAt computedAt={data.computed_at} />
              <ExportLinks table="overview" filters={filters} name={t('analytics.overview.title')} />
            </div>
            <ul className="kpis" aria-label={t('analytics.overview.headline')}>
              {headline.map((kpi) => (
                <KpiCard
                  key={kpi.key}
                  kpi={kpi}
                  currency={data.currency}
                  minGroup={data.min_group_size}
                  onDrill={DRILLABLE.has(kpi.key) ? () => setDrill({ label: t(`analytics.kpis.${kpi.key}`) }) : undefined}
                />
              ))}
            </ul>
            {(filters.network || filters.content_kind || filters.topic) && (
              <p className="muted">{t('analytics.overview.peopleNarrowed')}</p>
            )}
            <EstimateInputs overview={data} />
            <h3>{t('analytics.overview.more')}</h3>
            <ul className="kpis kpis--small" aria-label={t('analytics.overview.more')}>
              {others.map((kpi) => (
                <KpiCard
                  key={kpi.key}
                  kpi={kpi}
                  currency={data.currency}
                  minGroup={data.min_group_size}
                  onDrill={DRILLABLE.has(kpi.key) ? () => setDrill({ label: t(`analytics.kpis.${kpi.key}`) }) : undefined}
                />
              ))}
            </ul>
            {data.funnel && (
              <>
                <h3>{t('analytics.funnel.title')}</h3>
                <ol className="funnel" aria-label={t('analytics.funnel.title')}>
                  <li>{t('analytics.funnel.jobShares', { count: data.funnel.job_shares })}</li>
                  <li>{t('analytics.funnel.jobClicks', { count: data.funnel.job_clicks })}</li>
                  <li>{t('analytics.funnel.applications', { count: data.funnel.applications })}</li>
                </ol>
              </>
            )}
          </Card>
        </>
      )}
      {drill && <DrilldownCard filters={filters} drill={drill} onClose={() => setDrill(null)} />}
      <TrendsCard filters={filters} />
      <BreakdownCard filters={filters} onDrill={setDrill} />
      <TopContentCard filters={filters} onDrill={setDrill} />
      <TargetsCard filters={filters} />
      <SettingsCard />
    </>
  );
}
