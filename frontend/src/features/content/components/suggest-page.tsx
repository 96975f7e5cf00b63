import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { SuccessAlert } from '@/components/ui/error-alert';
import { fieldErrors } from '@/components/ui/error-message';
import { formatDateTime } from '@/components/ui/format';
import { FormError, TextField } from '@/components/ui/form';
import { Card, EmptyState, PageHeader } from '@/components/ui/page';
import { TextAreaField } from '@/components/ui/textarea';
import { useMySuggestions, useSuggest } from '@/features/content/api/content';
import { useDocumentTitle } from '@/lib/use-document-title';
import '@/features/content/components/content.css';

export function SuggestContentPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('content.suggest.title'));
  const suggest = useSuggest();
  const mine = useMySuggestions();
  const [url, setUrl] = useState('');
  const [note, setNote] = useState('');

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    suggest.mutate(
      { url: url.trim(), note: note.trim() },
      {
        onSuccess: () => {
          setUrl('');
          setNote('');
        },
      },
    );
  }

  return (
    <>
      <PageHeader title={t('content.suggest.title')} description={t('content.suggest.description')} />
      <Card>
        <form className="form" onSubmit={handleSubmit} noValidate>
          <FormError error={suggest.error} />
          <TextField label={t('content.suggest.url')} type="url" placeholder="https://" required value={url} onChange={(e) => setUrl(e.target.value)} errors={fieldErrors(suggest.error, 'url')} />
          <TextAreaField label={t('content.suggest.note')} hint={t('content.suggest.noteHint')} rows={3} value={note} onChange={(e) => setNote(e.target.value)} errors={fieldErrors(suggest.error, 'note')} />
          <div className="form__actions">
            <Button type="submit" isPending={suggest.isPending} disabled={!url.trim()}>
              {t('content.suggest.submit')}
            </Button>
          </div>
          {suggest.isSuccess && <SuccessAlert>{t('content.suggest.sent')}</SuccessAlert>}
        </form>
      </Card>
      <Card title={t('content.suggest.mine')}>
        {mine.data?.results.length === 0 && <EmptyState>{t('content.suggest.none')}</EmptyState>}
        <ul className="review-list">
          {mine.data?.results.map((item) => (
            <li key={item.id} className="review-list__item">
              <a href={item.url} target="_blank" rel="noopener noreferrer">
                {item.title}
              </a>{' '}
              <span className={`badge badge--content-${item.status}`}>{t(`content.status.${item.status}`)}</span>
              <p className="muted">{formatDateTime(item.created_at)}</p>
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}
