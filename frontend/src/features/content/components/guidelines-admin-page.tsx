import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { ErrorAlert, SuccessAlert } from '@/components/ui/error-alert';
import { fieldErrors } from '@/components/ui/error-message';
import { formatDateTime } from '@/components/ui/format';
import { FormError, TextField } from '@/components/ui/form';
import { Card, EmptyState, PageHeader } from '@/components/ui/page';
import { Spinner } from '@/components/ui/spinner';
import { TextAreaField } from '@/components/ui/textarea';
import { ContentNav } from '@/features/content/components/content-nav';
import {
  useGuidelineVersions,
  usePublishGuideline,
  useSaveGuideline,
  type Guideline,
  type GuidelineInput,
} from '@/features/content/api/guidelines-admin';
import { useDocumentTitle } from '@/lib/use-document-title';

function VersionForm({ draft, base }: { draft?: Guideline; base?: Guideline }) {
  const { t } = useTranslation();
  const save = useSaveGuideline(draft?.id ?? null);
  const source = draft ?? base;
  const [form, setForm] = useState<GuidelineInput>({
    title_de: source?.title_de ?? '',
    title_en: source?.title_en ?? '',
    text_de: source?.text_de ?? '',
    text_en: source?.text_en ?? '',
  });
  const set = (key: keyof GuidelineInput, value: string) => setForm((current) => ({ ...current, [key]: value }));
  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(form);
  }
  return (
    <form className="form" onSubmit={handleSubmit} noValidate>
      <FormError error={save.error} />
      <div className="form__row">
        <TextField label={t('guidelines.admin.titleDe')} value={form.title_de} onChange={(e) => set('title_de', e.target.value)} errors={fieldErrors(save.error, 'title_de')} />
        <TextField label={t('guidelines.admin.titleEn')} value={form.title_en} onChange={(e) => set('title_en', e.target.value)} errors={fieldErrors(save.error, 'title_en')} />
      </div>
      <TextAreaField label={t('guidelines.admin.textDe')} hint={t('guidelines.admin.htmlHint')} rows={10} value={form.text_de} onChange={(e) => set('text_de', e.target.value)} errors={fieldErrors(save.error, 'text_de')} />
      <TextAreaField label={t('guidelines.admin.textEn')} hint={t('guidelines.admin.htmlHint')} rows={10} value={form.text_en} onChange={(e) => set('text_en', e.target.value)} errors={fieldErrors(save.error, 'text_en')} />
      <div className="form__actions">
        <Button type="submit" isPending={save.isPending}>
          {draft ? t('guidelines.admin.saveDraft') : t('guidelines.admin.createDraft')}
        </Button>
      </div>
      {save.isSuccess && <SuccessAlert>{t('guidelines.admin.saved')}</SuccessAlert>}
    </form>
  );
}

export function GuidelinesAdminPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('guidelines.admin.title'));
  const versions = useGuidelineVersions();
  const publish = usePublishGuideline();
  const draft = versions.data?.find((version) => !version.published_at);
  const current = versions.data?.find((version) => version.published_at);
  return (
    <>
      <PageHeader title={t('guidelines.admin.title')} description={t('guidelines.admin.description')} />
      <ContentNav />
      <ErrorAlert error={versions.error} />
      {versions.isPending && <Spinner />}
      {versions.data && (
        <Card title={draft ? t('guidelines.admin.editDraft', { version: draft.version }) : t('guidelines.admin.newVersion')}>
          <VersionForm key={draft?.id ?? 'new'} draft={draft} base={current} />
          {draft && (
            <div className="form__actions">
              <p className="muted">{t('guidelines.admin.publishHint')}</p>
              <Button variant="primary" isPending={publish.isPending} onClick={() => publish.mutate(draft.id)}>
                {t('guidelines.admin.publish', { version: draft.version })}
              </Button>
              <ErrorAlert error={publish.error} />
            </div>
          )}
        </Card>
      )}
      <Card title={t('guidelines.admin.versions')}>
        {versions.data?.length === 0 && <EmptyState>{t('guidelines.none')}</EmptyState>}
        <ul className="history-list">
          {versions.data?.map((version) => (
            <li key={version.id}>
              {t('guidelines.version', { version: version.version })}: {version.title_de} ·{' '}
              {version.published_at
                ? t('guidelines.admin.publishedAt', { date: formatDateTime(version.published_at) })
                : t('guidelines.admin.draft')}
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}
