import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { DateField } from '@/components/ui/date-field';
import { ErrorAlert } from '@/components/ui/error-alert';
import { formatDate } from '@/components/ui/format';
import { SelectField, TextField } from '@/components/ui/form';
import { Card, EmptyState, PageHeader } from '@/components/ui/page';
import { Pagination } from '@/components/ui/pagination';
import { SafeHtml } from '@/components/ui/safe-html';
import { HIGHLIGHT_TAGS } from '@/components/ui/sanitize';
import { Spinner } from '@/components/ui/spinner';
import {
  MENTIONS_PAGE_SIZE,
  mentionsExportUrl,
  useMentions,
  useMentionSummary,
  type Mention,
  type MentionFilters,
  type MentionSummary,
} from '@/features/monitoring/api/monitoring';
import { MonitoringSettings } from '@/features/monitoring/components/monitoring-settings';
import { useCurrentUser } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/use-document-title';

type Source = NonNullable<MentionFilters['source']>;
const SOURCES: Source[] = ['feed', 'network'];

function SourceChips({
  value,
  summary,
  onChange,
}: {
  value: MentionFilters['source'];
  summary: MentionSummary | undefined;
  onChange: (source: MentionFilters['source']) => void;
}) {
  const { t } = useTranslation();
  const count = (n: number | undefined) => (n === undefined ? '' : ` (${n})`);
  return (
    <div className="form__actions" role="group" aria-label={t('monitoring.filters.source')}>
      <button
        type="button"
        className="button button--small button--secondary"
        aria-pressed={value === undefined}
        onClick={() => onChange(undefined)}
      >
        {t('monitoring.sources.all')}
        {count(summary?.total)}
      </button>
      {SOURCES.map((source) => (
        <button
          key={source}
          type="button"
          className="button button--small button--secondary"
          aria-pressed={value === source}
          onClick={() => onChange(source)}
        >
          {t(`monitoring.sources.${source}`)}
          {count(summary?.sources[source])}
        </button>
      ))}
    </div>
  );
}

function MentionItem({ mention }: { mention: Mention }) {
  const { t } = useTranslation();
  const origin =
    mention.source === 'feed'
      ? (mention.feed?.name ?? '')
      : t('monitoring.postBy', { author: mention.author, network: mention.network });
  return (
    <li className="post mention">
      <h3>
        {mention.url ? (
          <a href={mention.url} rel="noopener noreferrer nofollow" target="_blank">
            {mention.title || mention.url}
          </a>
        ) : (
          mention.title
        )}
      </h3>
      <p className="muted">
        <span className="badge badge--muted">{t(`monitoring.sources.${mention.source}`)}</span> {origin}
        {mention.published_at && <> · {formatDate(mention.published_at)}</>}
      </p>
      <SafeHtml as="div" html={mention.excerpt} allowedTags={HIGHLIGHT_TAGS} className="post__summary" />
      {(mention.terms.length > 0 || mention.experts.length > 0) && (
        <p className="muted">
          {mention.terms.length > 0 && (
            <span>
              {t('monitoring.matchedTerms')}: {mention.terms.map((term) => term.text).join(', ')}
            </span>
          )}
          {mention.terms.length > 0 && mention.experts.length > 0 && ' · '}
          {mention.experts.length > 0 && (
            <span>
              {t('monitoring.matchedPeople')}: {mention.experts.map((person) => person.name).join(', ')}
            </span>
          )}
        </p>
      )}
    </li>
  );
}

export function MentionsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const isManager = user.role === 'manager' || user.role === 'admin';
  const title = isManager ? t('monitoring.title') : t('monitoring.titleMine');
  useDocumentTitle(title);
  const [filters, setFilters] = useState<MentionFilters>({});
  const [page, setPage] = useState(1);
  const mentions = useMentions(filters, page);
  const summary = useMentionSummary(filters);

  function update(change: Partial<MentionFilters>) {
    setFilters((current) => ({ ...current, ...change }));
    setPage(1);
  }

  const people = summary.data?.people ?? [];
  const terms = summary.data?.terms ?? [];

  return (
    <>
      <PageHeader
        title={title}
        description={isManager ? t('monitoring.description') : t('monitoring.descriptionMine')}
        actions={
          <a className="button button--secondary" href={mentionsExportUrl(filters)} download>
            {t('monitoring.export')}
          </a>
        }
      />
      <Card title={t('monitoring.filters.title')}>
        <SourceChips value={filters.source} summary={summary.data} onChange={(source) => update({ source })} />
        <div className="filters">
          {isManager && (
            <SelectField
              label={t('monitoring.filters.person')}
              value={filters.person ? String(filters.person) : ''}
              onChange={(event) => update({ person: event.target.value ? Number(event.target.value) : undefined })}
              options={[
                { value: '', label: t('monitoring.filters.everyone') },
                ...people.map((person) => ({ value: String(person.id), label: `${person.name} (${person.count})` })),
              ]}
            />
          )}
          <SelectField
            label={t('monitoring.filters.term')}
            value={filters.term ? String(filters.term) : ''}
            onChange={(event) => update({ term: event.target.value ? Number(event.target.value) : undefined })}
            options={[
              { value: '', label: t('monitoring.filters.anyTerm') },
              ...terms.map((term) => ({ value: String(term.id), label: `${term.text} (${term.count})` })),
            ]}
          />
          <DateField
            label={t('monitoring.filters.from')}
            value={filters.date_from ?? ''}
            onValueChange={(value) => update({ date_from: value || undefined })}
          />
          <DateField
            label={t('monitoring.filters.to')}
            value={filters.date_to ?? ''}
            onValueChange={(value) => update({ date_to: value || undefined })}
          />
          <TextField
            label={t('monitoring.filters.search')}
            type="search"
            value={filters.search ?? ''}
            onChange={(event) => update({ search: event.target.value || undefined })}
          />
        </div>
      </Card>
      <Card title={t('monitoring.listTitle')}>
        <ErrorAlert error={mentions.error ?? summary.error} />
        {mentions.isPending && <Spinner />}
        {mentions.data && mentions.data.results.length === 0 && (
          <EmptyState>{isManager ? t('monitoring.empty') : t('monitoring.emptyMine')}</EmptyState>
        )}
        {mentions.data && mentions.data.results.length > 0 && (
          <ul className="post-list" aria-label={t('monitoring.listTitle')}>
            {mentions.data.results.map((mention) => (
              <MentionItem key={mention.id} mention={mention} />
            ))}
          </ul>
        )}
        {mentions.data && (
          <Pagination page={page} count={mentions.data.count} pageSize={MENTIONS_PAGE_SIZE} onPageChange={setPage} />
        )}
      </Card>
      {isManager && <MonitoringSettings />}
    </>
  );
}
