import type { TFunction } from 'i18next';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { fieldErrors } from '@/components/ui/error-message';
import { formatDateTime } from '@/components/ui/format';
import { FormError, SelectField, TextField } from '@/components/ui/form';
import { Card, EmptyState } from '@/components/ui/page';
import { Spinner } from '@/components/ui/spinner';
import {
  useCreateFeed,
  useCreateTerm,
  useDeleteFeed,
  useDeleteTerm,
  useFeeds,
  useFetchFeed,
  useTerms,
  useUpdateFeed,
  useUpdateTerm,
  type FeedInput,
  type MonitoredTerm,
  type MonitoringFeed,
  type TermInput,
} from '@/features/monitoring/api/monitoring';

type FeedKind = NonNullable<FeedInput['kind']>;
type TermKind = NonNullable<TermInput['kind']>;
const FEED_KINDS: FeedKind[] = ['news', 'forum', 'alert', 'other'];
const TERM_KINDS: TermKind[] = ['company', 'brand', 'product', 'other'];

const FETCH_ERRORS = ['blocked', 'timeout', 'too_large', 'http_error', 'unreachable', 'invalid_feed', 'fetch_failed'] as const;

/** The reason in the reader's language (the server stores its message in the site's language). */
function fetchError(feed: MonitoringFeed, t: TFunction): string {
  const code = FETCH_ERRORS.find((known) => known === feed.last_error_code);
  return code ? t(`monitoring.fetchErrors.${code}`) : feed.last_error;
}

function FeedRow({ feed }: { feed: MonitoringFeed }) {
  const { t } = useTranslation();
  const fetchNow = useFetchFeed();
  const update = useUpdateFeed();
  const remove = useDeleteFeed();
  const [confirming, setConfirming] = useState(false);
  return (
    <tr>
      <th scope="row">
        <span className="table__primary">{feed.name}</span>
        <span className="table__secondary">{feed.url}</span>
      </th>
      <td>{t(`monitoring.feedKinds.${feed.kind}`)}</td>
      <td>
        <span className={`badge badge--${feed.active ? feed.last_fetch_status : 'muted'}`}>
          {feed.active ? t(`monitoring.fetchStatus.${feed.last_fetch_status}`) : t('monitoring.paused')}
        </span>
        {feed.last_error_code && <span className="table__secondary">{fetchError(feed, t)}</span>}
        {feed.last_fetch_at && <span className="table__secondary">{formatDateTime(feed.last_fetch_at)}</span>}
      </td>
      <td>{feed.mention_count}</td>
      <td className="table__actions">
        <Button
          size="small"
          variant="secondary"
          isPending={fetchNow.isPending}
          disabled={!feed.active}
          onClick={() => fetchNow.mutate(feed.id)}
          aria-label={t('monitoring.feeds.fetchNowFor', { name: feed.name })}
        >
          {t('monitoring.feeds.fetchNow')}
        </Button>
        <Button
          size="small"
          variant="secondary"
          isPending={update.isPending}
          onClick={() => update.mutate({ id: feed.id, active: !feed.active })}
          aria-label={t(feed.active ? 'monitoring.pauseFor' : 'monitoring.resumeFor', { name: feed.name })}
        >
          {feed.active ? t('monitoring.pause') : t('monitoring.resume')}
        </Button>
        <Button
          size="small"
          variant="danger"
          onClick={() => setConfirming(true)}
          aria-label={t('monitoring.deleteFor', { name: feed.name })}
        >
          {t('monitoring.delete')}
        </Button>
        <ErrorAlert error={fetchNow.error ?? update.error} />
        {fetchNow.isSuccess && (
          <span className="table__secondary" role="status">
            {t('monitoring.feeds.queued')}
          </span>
        )}
        {confirming && (
          <ConfirmDialog
            title={t('monitoring.feeds.deleteTitle', { name: feed.name })}
            confirmLabel={t('monitoring.delete')}
            isPending={remove.isPending}
            error={remove.error}
            onCancel={() => setConfirming(false)}
            onConfirm={() => remove.mutate(feed.id, { onSuccess: () => setConfirming(false) })}
          >
            {t('monitoring.feeds.deleteText')}
          </ConfirmDialog>
        )}
      </td>
    </tr>
  );
}

function AddFeedForm() {
  const { t } = useTranslation();
  const create = useCreateFeed();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [kind, setKind] = useState<FeedKind>('news');

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), url: url.trim(), kind, active: true },
      {
        onSuccess: () => {
          setName('');
          setUrl('');
        },
      },
    );
  }

  return (
    <form className="form form--inline" onSubmit={handleSubmit} noValidate aria-label={t('monitoring.feeds.add')}>
      <FormError error={create.error} />
      <TextField
        label={t('monitoring.feeds.name')}
        value={name}
        onChange={(event) => setName(event.target.value)}
        errors={fieldErrors(create.error, 'name')}
      />
      <TextField
        label={t('monitoring.feeds.url')}
        hint={t('monitoring.feeds.urlHint')}
        type="url"
        placeholder="https://"
        value={url}
        onChange={(event) => setUrl(event.target.value)}
        errors={fieldErrors(create.error, 'url')}
      />
      <SelectField
        label={t('monitoring.feeds.kind')}
        value={kind}
        onChange={(event) => setKind(event.target.value as FeedKind)}
        options={FEED_KINDS.map((value) => ({ value, label: t(`monitoring.feedKinds.${value}`) }))}
      />
      <Button type="submit" isPending={create.isPending} disabled={!name.trim() || !url.trim()}>
        {t('monitoring.feeds.add')}
      </Button>
    </form>
  );
}

function TermRow({ term }: { term: MonitoredTerm }) {
  const { t } = useTranslation();
  const update = useUpdateTerm();
  const remove = useDeleteTerm();
  const [confirming, setConfirming] = useState(false);
  const rules = [
    term.case_sensitive ? t('monitoring.terms.caseSensitive') : null,
    term.whole_word ? t('monitoring.terms.wholeWord') : null,
  ].filter(Boolean);
  return (
    <tr>
      <th scope="row">
        <span className="table__primary">{term.text}</span>
        {rules.length > 0 && <span className="table__secondary">{rules.join(' · ')}</span>}
      </th>
      <td>{t(`monitoring.termKinds.${term.kind}`)}</td>
      <td>{term.exclude_words.length > 0 ? term.exclude_words.join(', ') : '–'}</td>
      <td>{term.active ? term.mention_count : t('monitoring.paused')}</td>
      <td className="table__actions">
        <Button
          size="small"
          variant="secondary"
          isPending={update.isPending}
          onClick={() => update.mutate({ id: term.id, active: !term.active })}
          aria-label={t(term.active ? 'monitoring.pauseFor' : 'monitoring.resumeFor', { name: term.text })}
        >
          {term.active ? t('monitoring.pause') : t('monitoring.resume')}
        </Button>
        <Button
          size="small"
          variant="danger"
          onClick={() => setConfirming(true)}
          aria-label={t('monitoring.deleteFor', { name: term.text })}
        >
          {t('monitoring.delete')}
        </Button>
        <ErrorAlert error={update.error} />
        {confirming && (
          <ConfirmDialog
            title={t('monitoring.terms.deleteTitle', { name: term.text })}
            confirmLabel={t('monitoring.delete')}
            isPending={remove.isPending}
            error={remove.error}
            onCancel={() => setConfirming(false)}
            onConfirm={() => remove.mutate(term.id, { onSuccess: () => setConfirming(false) })}
          >
            {t('monitoring.terms.deleteText')}
          </ConfirmDialog>
        )}
      </td>
    </tr>
  );
}

function AddTermForm() {
  const { t } = useTranslation();
  const create = useCreateTerm();
  const [text, setText] = useState('');
  const [kind, setKind] = useState<TermKind>('company');
  const [exclusions, setExclusions] = useState('');
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [wholeWord, setWholeWord] = useState(true);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const exclude_words = exclusions
      .split(',')
      .map((word) => word.trim())
      .filter(Boolean);
    create.mutate(
      { text: text.trim(), kind, exclude_words, case_sensitive: caseSensitive, whole_word: wholeWord, active: true },
      {
        onSuccess: () => {
          setText('');
          setExclusions('');
        },
      },
    );
  }

  return (
    <form className="form form--inline" onSubmit={handleSubmit} noValidate aria-label={t('monitoring.terms.add')}>
      <FormError error={create.error} />
      <TextField
        label={t('monitoring.terms.text')}
        value={text}
        onChange={(event) => setText(event.target.value)}
        errors={fieldErrors(create.error, 'text')}
      />
      <SelectField
        label={t('monitoring.terms.kind')}
        value={kind}
        onChange={(event) => setKind(event.target.value as TermKind)}
        options={TERM_KINDS.map((value) => ({ value, label: t(`monitoring.termKinds.${value}`) }))}
      />
      <TextField
        label={t('monitoring.terms.exclusions')}
        hint={t('monitoring.terms.exclusionsHint')}
        value={exclusions}
        onChange={(event) => setExclusions(event.target.value)}
        errors={fieldErrors(create.error, 'exclude_words')}
      />
      <label className="checkbox">
        <input type="checkbox" checked={caseSensitive} onChange={(event) => setCaseSensitive(event.target.checked)} />
        <span>{t('monitoring.terms.caseSensitive')}</span>
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={wholeWord} onChange={(event) => setWholeWord(event.target.checked)} />
        <span>{t('monitoring.terms.wholeWord')}</span>
      </label>
      <Button type="submit" isPending={create.isPending} disabled={!text.trim()}>
        {t('monitoring.terms.add')}
      </Button>
    </form>
  );
}

export function MonitoringSettings() {
  const { t } = useTranslation();
  const feeds = useFeeds();
  const terms = useTerms();
  return (
    <section aria-labelledby="monitoring-settings">
      <h2 id="monitoring-settings">{t('monitoring.settings')}</h2>
      <Card title={t('monitoring.terms.title')}>
        <p className="muted">{t('monitoring.terms.description')}</p>
        <ErrorAlert error={terms.error} />
        {terms.isPending && <Spinner />}
        {terms.data && terms.data.length === 0 && <EmptyState>{t('monitoring.terms.empty')}</EmptyState>}
        {terms.data && terms.data.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('monitoring.terms.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('monitoring.terms.text')}</th>
                  <th scope="col">{t('monitoring.terms.kind')}</th>
                  <th scope="col">{t('monitoring.terms.exclusions')}</th>
                  <th scope="col">{t('monitoring.mentionCount')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('monitoring.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {terms.data.map((term) => (
                  <TermRow key={term.id} term={term} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <AddTermForm />
      </Card>
      <Card title={t('monitoring.feeds.title')}>
        <p className="muted">{t('monitoring.feeds.description')}</p>
        <ErrorAlert error={feeds.error} />
        {feeds.isPending && <Spinner />}
        {feeds.data && feeds.data.length === 0 && <EmptyState>{t('monitoring.feeds.empty')}</EmptyState>}
        {feeds.data && feeds.data.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('monitoring.feeds.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('monitoring.feeds.name')}</th>
                  <th scope="col">{t('monitoring.feeds.kind')}</th>
                  <th scope="col">{t('monitoring.feeds.status')}</th>
                  <th scope="col">{t('monitoring.mentionCount')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('monitoring.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {feeds.data.map((feed) => (
                  <FeedRow key={feed.id} feed={feed} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <AddFeedForm />
      </Card>
    </section>
  );
}
