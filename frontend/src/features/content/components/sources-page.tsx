import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorAlert, SuccessAlert } from '@/components/ui/error-alert';
import { fieldErrors } from '@/components/ui/error-message';
import { formatDateTime } from '@/components/ui/format';
import { FormError, SelectField, TextField } from '@/components/ui/form';
import { Card, EmptyState, PageHeader } from '@/components/ui/page';
import { Spinner } from '@/components/ui/spinner';
import {
  CONTENT_KINDS,
  useCreateSource,
  useDeleteSource,
  useImportSource,
  useSources,
  type ContentKind,
  type Source,
} from '@/features/content/api/content';
import { ContentNav } from '@/features/content/components/content-nav';
import { useDocumentTitle } from '@/lib/use-document-title';

function SourceRow({ source }: { source: Source }) {
  const { t } = useTranslation();
  const remove = useDeleteSource();
  const importNow = useImportSource();
  const [confirming, setConfirming] = useState(false);
  return (
    <tr>
      <th scope="row">
        <span className="table__primary">{source.name}</span>
        <span className="table__secondary">{source.feed_url}</span>
      </th>
      <td>{t(`content.kind.${source.kind}`)}</td>
      <td>
        {source.last_fetch_at ? formatDateTime(source.last_fetch_at) : t('content.sources.never')}
        {source.last_error && <span className="table__secondary">{source.last_error}</span>}
      </td>
      <td className="table__actions">
        <Button size="small" variant="secondary" isPending={importNow.isPending} onClick={() => importNow.mutate(source.id)}>
          {t('content.sources.importNow')}
        </Button>
        <Button size="small" variant="danger" onClick={() => setConfirming(true)} aria-label={t('content.sources.deleteFor', { name: source.name })}>
          {t('common.delete')}
        </Button>
        {importNow.isSuccess && <span role="status">{t('content.sources.importQueued')}</span>}
        {confirming && (
          <ConfirmDialog
            title={t('content.sources.deleteTitle', { name: source.name })}
            confirmLabel={t('common.delete')}
            isPending={remove.isPending}
            error={remove.error}
            onCancel={() => setConfirming(false)}
            onConfirm={() => remove.mutate(source.id, { onSuccess: () => setConfirming(false) })}
          >
            {t('content.sources.deleteText')}
          </ConfirmDialog>
        )}
      </td>
    </tr>
  );
}

export function SourcesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('content.sources.title'));
  const sources = useSources();
  const create = useCreateSource();
  const [name, setName] = useState('');
  const [feedUrl, setFeedUrl] = useState('');
  const [kind, setKind] = useState<ContentKind>('article');
  const [language, setLanguage] = useState<'de' | 'en'>('de');

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), feed_url: feedUrl.trim(), kind, language },
      {
        onSuccess: () => {
          setName('');
          setFeedUrl('');
        },
      },
    );
  }

  return (
    <>
      <PageHeader title={t('content.sources.title')} description={t('content.sources.description')} />
      <ContentNav />
      <Card title={t('content.sources.add')}>
        <form className="form form--inline" onSubmit={handleSubmit} noValidate>
          <FormError error={create.error} />
          <TextField label={t('content.sources.name')} value={name} onChange={(e) => setName(e.target.value)} errors={fieldErrors(create.error, 'name')} />
          <TextField label={t('content.sources.feedUrl')} type="url" placeholder="https://" value={feedUrl} onChange={(e) => setFeedUrl(e.target.value)} errors={fieldErrors(create.error, 'feed_url')} />
          <SelectField label={t('content.fields.kind')} value={kind} onChange={(e) => setKind(e.target.value as ContentKind)} options={CONTENT_KINDS.map((value) => ({ value, label: t(`content.kind.${value}`) }))} />
          <SelectField
            label={t('content.fields.language')}
            value={language}
            onChange={(e) => setLanguage(e.target.value as 'de' | 'en')}
            options={[
              { value: 'de', label: t('language.names.de') },
              { value: 'en', label: t('language.names.en') },
            ]}
          />
          <Button type="submit" isPending={create.isPending} disabled={!name.trim() || !feedUrl.trim()}>
            {t('content.sources.add')}
          </Button>
          {create.isSuccess && <SuccessAlert>{t('content.sources.added')}</SuccessAlert>}
        </form>
      </Card>
      <Card title={t('content.sources.list')}>
        <ErrorAlert error={sources.error} />
        {sources.isPending && <Spinner />}
        {sources.data?.length === 0 && <EmptyState>{t('content.sources.empty')}</EmptyState>}
        {sources.data && sources.data.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('content.sources.list')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('content.sources.name')}</th>
                  <th scope="col">{t('content.fields.kind')}</th>
                  <th scope="col">{t('content.sources.lastFetch')}</th>
                  <th scope="col">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {sources.data.map((source) => (
                  <SourceRow key={source.id} source={source} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
