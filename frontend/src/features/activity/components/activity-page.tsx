import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { fieldErrors } from '@/components/ui/error-message';
import { formatDate, formatDateTime } from '@/components/ui/format';
import { FormError, SelectField } from '@/components/ui/form';
import { Card, EmptyState, PageHeader } from '@/components/ui/page';
import { Pagination } from '@/components/ui/pagination';
import { SafeHtml } from '@/components/ui/safe-html';
import { Spinner } from '@/components/ui/spinner';
import {
  PAGE_SIZE,
  useAcceptSuggestion,
  useDismissSuggestion,
  useMyActivity,
  useShowPostOnProfile,
  useSkillSuggestions,
  useUploadLinkedInArchive,
  type SkillSuggestion,
} from '@/features/activity/api/activity';
import { useDocumentTitle } from '@/lib/use-document-title';

const SUMMARY_TAGS = ['p', 'br', 'strong', 'b', 'em', 'i', 'ul', 'ol', 'li', 'a'] as const;
const LEVELS = [1, 2, 3, 4, 5] as const;
/** After an import the worker recomputes suggestions within seconds: look again for a while. */
const POLL_MS = 2000;
const POLL_FOR_MS = 30000;

function ArchiveUpload({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState(0);
  const upload = useUploadLinkedInArchive(setProgress);
  const input = useRef<HTMLInputElement>(null);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) return;
    setProgress(0);
    upload.mutate(file, {
      onSuccess: () => {
        setFile(null);
        if (input.current) input.current.value = '';
        onImported();
      },
    });
  }

  const errors = fieldErrors(upload.error, 'file');
  return (
    <form className="form" onSubmit={handleSubmit} noValidate aria-label={t('activity.archive.title')}>
      <p>{t('activity.archive.text')}</p>
      <FormError error={upload.error} />
      <div className={`field${errors.length > 0 ? ' field--invalid' : ''}`}>
        <label className="field__label" htmlFor="linkedin-archive">
          {t('activity.archive.file')}
        </label>
        <input
          ref={input}
          id="linkedin-archive"
          className="input"
          type="file"
          accept=".zip,application/zip"
          aria-describedby={errors.length > 0 ? 'linkedin-archive-hint linkedin-archive-error' : 'linkedin-archive-hint'}
          aria-invalid={errors.length > 0 || undefined}
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
        <p className="field__hint" id="linkedin-archive-hint">
          {t('activity.archive.hint')}
        </p>
        {errors.length > 0 && (
          <ul className="field__errors" id="linkedin-archive-error">
            {errors.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        )}
      </div>
      <Button type="submit" isPending={upload.isPending} disabled={!file}>
        {t('activity.archive.upload')}
      </Button>
      {upload.isPending && (
        <div>
          <label htmlFor="linkedin-archive-progress">{t('activity.archive.progress')}</label>{' '}
          <progress id="linkedin-archive-progress" max={100} value={Math.round(progress * 100)}>
            {Math.round(progress * 100)} %
          </progress>
        </div>
      )}
      {upload.data && (
        <p className="alert alert--success" role="status">
          {t('activity.archive.result', {
            created: upload.data.created,
            updated: upload.data.updated,
            unchanged: upload.data.unchanged,
            shares: upload.data.shares,
            articles: upload.data.articles,
          })}
        </p>
      )}
    </form>
  );
}

function SuggestionRow({ suggestion }: { suggestion: SkillSuggestion }) {
  const { t } = useTranslation();
  const [level, setLevel] = useState(3);
  const accept = useAcceptSuggestion();
  const dismiss = useDismissSuggestion();
  const name = suggestion.skill.name;
  return (
    <li className="post">
      <div>
        <strong>{name}</strong>
        <p className="muted">
          {t('activity.suggestions.evidence', { count: suggestion.evidence_count })}
          {suggestion.last_seen && ` · ${t('activity.suggestions.lastSeen', { date: formatDate(suggestion.last_seen) })}`}
        </p>
      </div>
      <div className="form form--inline">
        <SelectField
          label={t('activity.suggestions.levelFor', { name })}
          value={String(level)}
          onChange={(event) => setLevel(Number(event.target.value))}
          options={LEVELS.map((value) => ({
            value: String(value),
            label: t('experts.levelOf', { level: value, name: t(`experts.levels.${String(value)}` as 'experts.levels.1') }),
          }))}
        />
        <Button
          size="small"
          isPending={accept.isPending}
          onClick={() => accept.mutate({ id: suggestion.id, level })}
          aria-label={t('activity.suggestions.acceptFor', { name })}
        >
          {t('activity.suggestions.accept')}
        </Button>
        <Button
          size="small"
          variant="secondary"
          isPending={dismiss.isPending}
          onClick={() => dismiss.mutate(suggestion.id)}
          aria-label={t('activity.suggestions.dismissFor', { name })}
        >
          {t('activity.suggestions.dismiss')}
        </Button>
      </div>
      <ErrorAlert error={accept.error ?? dismiss.error} />
    </li>
  );
}

function Suggestions({ pollUntil }: { pollUntil: number }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  const polling = now < pollUntil;
  const suggestions = useSkillSuggestions(polling ? POLL_MS : false);
  useEffect(() => {
    if (!polling) return undefined;
    const timer = window.setTimeout(() => setNow(Date.now()), POLL_MS);
    return () => window.clearTimeout(timer);
  }, [polling, now]);
  if (suggestions.isPending) return <Spinner />;
  return (
    <>
      <ErrorAlert error={suggestions.error} />
      {suggestions.data?.length === 0 && <EmptyState>{t('activity.suggestions.empty')}</EmptyState>}
      <ul className="post-list" aria-label={t('activity.suggestions.title')}>
        {suggestions.data?.map((suggestion) => <SuggestionRow key={suggestion.id} suggestion={suggestion} />)}
      </ul>
    </>
  );
}

function Posts() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const activity = useMyActivity(page);
  const show = useShowPostOnProfile();
  if (activity.isPending) return <Spinner />;
  return (
    <>
      <ErrorAlert error={activity.error ?? show.error} />
      {activity.data?.results.length === 0 && <EmptyState>{t('activity.posts.empty')}</EmptyState>}
      <ul className="post-list">
        {activity.data?.results.map((post) => (
          <li key={post.id} className="post">
            <h3>
              {post.url ? (
                <a href={post.url} rel="noopener noreferrer nofollow" target="_blank">
                  {post.title || post.url}
                </a>
              ) : (
                post.title
              )}
            </h3>
            <p className="muted">
              {t(`activity.posts.source.${post.provider}` as 'activity.posts.source.blog')}
              {post.published_at && ` · ${formatDateTime(post.published_at)}`}
            </p>
            {post.summary && <SafeHtml as="div" html={post.summary} allowedTags={SUMMARY_TAGS} className="post__summary" />}
            <label className="checkbox">
              <input
                type="checkbox"
                checked={post.show_on_profile}
                disabled={show.isPending}
                onChange={(event) => show.mutate({ id: post.id, show: event.target.checked })}
              />
              <span>{t('activity.posts.showOnProfile')}</span>
            </label>
          </li>
        ))}
      </ul>
      {activity.data && <Pagination page={page} count={activity.data.count} pageSize={PAGE_SIZE} onPageChange={setPage} />}
    </>
  );
}

export function ActivityPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('activity.title'));
  const [pollUntil, setPollUntil] = useState(0);
  return (
    <>
      <PageHeader title={t('activity.title')} description={t('activity.description')} />
      <Card title={t('activity.archive.title')}>
        <ArchiveUpload onImported={() => setPollUntil(Date.now() + POLL_FOR_MS)} />
      </Card>
      <Card title={t('activity.suggestions.title')}>
        <p>{t('activity.suggestions.text')}</p>
        <Suggestions pollUntil={pollUntil} />
      </Card>
      <Card title={t('activity.posts.title')}>
        <p>{t('activity.posts.text')}</p>
        <Posts />
      </Card>
    </>
  );
}
