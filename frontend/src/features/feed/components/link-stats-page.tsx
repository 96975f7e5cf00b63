import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';

import { CopyButton } from '@/components/ui/copy-button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { Card, EmptyState, PageHeader } from '@/components/ui/page';
import { Spinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { useLinkStats, type LinkStats } from '@/features/feed/api/feed';
import { formatDate, formatDateTime, formatDay, formatNumber } from '@/lib/format';
import { networkLabel } from '@/lib/labels';
import { useDocumentTitle } from '@/lib/use-document-title';

const DEVICES = ['desktop', 'mobile', 'tablet', 'other'] as const;

function Figures({ stats }: { stats: LinkStats }) {
  const { t } = useTranslation();
  const figures = [
    ['clicks', stats.clicks],
    ['uniqueVisitors', stats.unique_visitors],
    ['conversions', stats.conversions],
  ] as const;
  return (
    <dl className="link-stats__figures">
      {figures.map(([key, value]) => (
        <div key={key}>
          <dt>{t(`feed.linkStats.figures.${key}`)}</dt>
          <dd>{formatNumber(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** /shares/links/:id — the statistics of one of my tracked links (managers: any link). */
export function LinkStatsPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const stats = useLinkStats(Number(id));
  const data = stats.data;
  useDocumentTitle(data ? t('feed.linkStats.titleFor', { title: data.link.content_title }) : t('feed.linkStats.title'));
  return (
    <>
      <PageHeader
        title={data ? t('feed.linkStats.titleFor', { title: data.link.content_title }) : t('feed.linkStats.title')}
        description={t('feed.linkStats.description')}
        actions={<Link to={paths.myShares}>{t('feed.linkStats.back')}</Link>}
      />
      {stats.isPending && <Spinner />}
      <ErrorAlert error={stats.error} />
      {data && (
        <>
          <Card>
            <p>
              {networkLabel(t, data.link.network)} · {t('feed.linkStats.createdAt', { date: formatDate(data.link.created_at) })}{' '}
              <code>{data.link.short_url}</code> <CopyButton value={data.link.short_url} label={t('feed.shares.copyLink')} />
            </p>
            <Figures stats={data} />
            <p className="muted">{t('feed.linkStats.computedAt', { when: formatDateTime(data.computed_at) })}</p>
          </Card>
          <Card title={t('feed.linkStats.byDay')}>
            {data.by_day.length === 0 ? (
              <EmptyState>{t('feed.linkStats.noClicks')}</EmptyState>
            ) : (
              <div className="table-wrap">
                <table className="table">
                  <caption className="visually-hidden">{t('feed.linkStats.byDay')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('feed.linkStats.day')}</th>
                      <th scope="col">{t('feed.linkStats.figures.clicks')}</th>
                      <th scope="col">{t('feed.linkStats.figures.uniqueVisitors')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.by_day.map((day) => (
                      <tr key={day.day}>
                        <th scope="row">{formatDay(day.day)}</th>
                        <td>{formatNumber(day.clicks)}</td>
                        <td>{formatNumber(day.unique_visitors)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Card>
          <Card title={t('feed.linkStats.referrers')}>
            {data.referrers.length === 0 ? (
              <EmptyState>{t('feed.linkStats.noClicks')}</EmptyState>
            ) : (
              <ul className="plain-list">
                {data.referrers.map((referrer) => (
                  <li key={referrer.host || '-'}>
                    {referrer.host || t('feed.linkStats.direct')}: {formatNumber(referrer.clicks)}
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title={t('feed.linkStats.devices')}>
            <ul className="plain-list">
              {DEVICES.map((device) => (
                <li key={device}>
                  {t(`feed.linkStats.deviceClasses.${device}`)}:{' '}
                  {formatNumber(data.devices.find((row) => row.device_class === device)?.clicks ?? 0)}
                </li>
              ))}
            </ul>
          </Card>
        </>
      )}
    </>
  );
}
