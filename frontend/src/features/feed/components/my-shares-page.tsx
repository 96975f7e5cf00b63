import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { formatDateTime } from '@/components/ui/format';
import { Card, EmptyState, PageHeader } from '@/components/ui/page';
import { Pagination } from '@/components/ui/pagination';
import { Spinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { useCancelShare, useMyShares, type Share } from '@/features/feed/api/feed';
import { networkLabel } from '@/lib/labels';
import { useDocumentTitle } from '@/lib/use-document-title';

function ShareRow({ share }: { share: Share }) {
  const { t } = useTranslation();
  const cancel = useCancelShare();
  const when = share.status === 'scheduled' ? share.scheduled_for : (share.shared_at ?? share.created_at);
  return (
    <tr>
      <th scope="row">
        <a href={share.content.url} target="_blank" rel="noopener noreferrer" className="table__primary">
          {share.content.title}
        </a>
        {share.text && <span className="table__secondary">{share.text}</span>}
      </th>
      <td>{networkLabel(t, share.network)}</td>
      <td>
        <span className={`badge badge--${share.status}`}>{t(`feed.status.${share.status}`)}</span>
        {share.error && <span className="table__secondary">{share.error}</span>}
      </td>
      <td>{formatDateTime(when)}</td>
      <td className="table__actions">
        {share.short_url && <CopyButton value={share.short_url} label={t('feed.shares.copyLink')} />}
        {share.link_id !== null && (
          <Link to={paths.linkStats(share.link_id)} aria-label={t('feed.linkStats.openFor', { title: share.content.title })}>
            {t('feed.linkStats.open')}
          </Link>
        )}
        {share.external_url && (
          <a href={share.external_url} target="_blank" rel="noopener noreferrer">
            {t('feed.shares.viewPost')}
          </a>
        )}
        {share.status === 'scheduled' && (
          <Button size="small" variant="danger" isPending={cancel.isPending} onClick={() => cancel.mutate(share.id)}>
            {t('feed.shares.cancel')}
          </Button>
        )}
        <ErrorAlert error={cancel.error} />
      </td>
    </tr>
  );
}

export function MySharesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('feed.shares.title'));
  const [page, setPage] = useState(1);
  const shares = useMyShares(page);
  return (
    <>
      <PageHeader
        title={t('feed.shares.title')}
        description={t('feed.shares.description')}
        actions={<Link to={paths.feed}>{t('feed.title')}</Link>}
      />
      <Card>
        <ErrorAlert error={shares.error} />
        {shares.isPending && <Spinner />}
        {shares.data && shares.data.count === 0 && <EmptyState>{t('feed.shares.empty')}</EmptyState>}
        {shares.data && shares.data.count > 0 && (
          <>
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">{t('feed.shares.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('feed.shares.content')}</th>
                    <th scope="col">{t('feed.shares.network')}</th>
                    <th scope="col">{t('common.status')}</th>
                    <th scope="col">{t('feed.shares.when')}</th>
                    <th scope="col">{t('common.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shares.data.results.map((share) => (
                    <ShareRow key={share.id} share={share} />
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination page={page} pageSize={20} count={shares.data.count} onPageChange={setPage} />
          </>
        )}
      </Card>
    </>
  );
}
