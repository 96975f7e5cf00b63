import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';

import { Button } from '@/components/ui/button';
import { DateTimeField } from '@/components/ui/date-field';
import { ErrorAlert, SuccessAlert } from '@/components/ui/error-alert';
import { fieldErrors } from '@/components/ui/error-message';
import { formatDateTime } from '@/components/ui/format';
import { FormError, SelectField, TextField } from '@/components/ui/form';
import { Card, PageHeader } from '@/components/ui/page';
import { Spinner } from '@/components/ui/spinner';
import { TextAreaField } from '@/components/ui/textarea';
import { paths } from '@/config/paths';
import {
  CONTENT_KINDS,
  NETWORKS,
  useContentItem,
  useNetworkLimits,
  useSaveContent,
  useTopics,
  useUploadContentImage,
  type ContentItem,
  type ContentItemInput,
  type ContentKind,
  type Network,
  type RuleMatch,
} from '@/features/content/api/content';
import { ContentNav } from '@/features/content/components/content-nav';
import { ShareTextField } from '@/features/content/components/share-text-field';
import { WorkflowPanel } from '@/features/content/components/workflow-panel';
import { languageName } from '@/lib/labels';
import { useOrganisationOptions } from '@/lib/organisation-options';
import { useDocumentTitle } from '@/lib/use-document-title';

type FormState = {
  title: string;
  url: string;
  summary: string;
  kind: ContentKind;
  language: 'de' | 'en';
  important: boolean;
  starts_at: string;
  expires_at: string;
  topics: string[];
  departments: string[];
  locations: string[];
  translation_of: string;
  share_texts: Record<Network, string>;
};

const EMPTY_TEXTS = Object.fromEntries(NETWORKS.map((network) => [network, ''])) as Record<Network, string>;

/** `datetime-local` value of an ISO date (local time) and back. */
function toLocalInput(value: string | null): string {
  if (!value) return '';
  const date = new Date(value);
  const offset = date.getTimezoneOffset() * 60_000;
  return new Date(date.getTime() - offset).toISOString().slice(0, 16);
}

function fromLocalInput(value: string): string | null {
  return value ? new Date(value).toISOString() : null;
}

function initialState(item: ContentItem | undefined): FormState {
  return {
    title: item?.title ?? '',
    url: item?.url ?? '',
    summary: item?.summary ?? '',
    kind: item?.kind ?? 'article',
    language: (item?.language as 'de' | 'en' | undefined) ?? 'de',
    important: item?.important ?? false,
    starts_at: toLocalInput(item?.starts_at ?? null),
    expires_at: toLocalInput(item?.expires_at ?? null),
    topics: item?.topics.map((topic) => String(topic.id)) ?? [],
    departments: item?.departments.map((department) => String(department.id)) ?? [],
    locations: item?.locations.map((location) => String(location.id)) ?? [],
    translation_of: '',
    share_texts: {
      ...EMPTY_TEXTS,
      ...Object.fromEntries(item?.share_texts.map((text) => [text.network, text.text]) ?? []),
    },
  };
}

function MultiSelect({
  label,
  hint,
  options,
  value,
  onChange,
}: {
  label: string;
  hint?: string;
  options: { value: string; label: string }[];
  value: string[];
  onChange: (value: string[]) => void;
}) {
  return (
    <SelectField
      label={label}
      hint={hint}
      multiple
      size={Math.min(6, Math.max(3, options.length))}
      value={value}
      onChange={(event) => onChange([...event.target.selectedOptions].map((option) => option.value))}
      options={options}
    />
  );
}

function ContentForm({ item }: { item?: ContentItem }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const save = useSaveContent(item?.id ?? null);
  const limits = useNetworkLimits();
  const topics = useTopics();
  const organisation = useOrganisationOptions();
  const [form, setForm] = useState<FormState>(() => initialState(item));
  const [warnings, setWarnings] = useState<RuleMatch[]>([]);
  const [saved, setSaved] = useState(false);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setSaved(false);
    setForm((current) => ({ ...current, [key]: value }));
  };
  const limitOf = (network: Network) => limits.data?.find((row) => row.network === network)?.limit;
  const topicOptions =
    topics.data?.results.map((topic) => ({
      value: String(topic.id),
      label: i18n.language === 'en' ? topic.name_en : topic.name_de,
    })) ?? [];

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body: ContentItemInput = {
      title: form.title.trim(),
      url: form.url.trim(),
      summary: form.summary,
      kind: form.kind,
      language: form.language,
      important: form.important,
      starts_at: fromLocalInput(form.starts_at),
      expires_at: fromLocalInput(form.expires_at),
      topics: form.topics.map(Number),
      departments: form.departments.map(Number),
      locations: form.locations.map(Number),
      share_texts: form.share_texts,
      ...(form.translation_of ? { translation_of: Number(form.translation_of) } : {}),
    };
    save.mutate(body, {
      onSuccess: (data) => {
        setWarnings(data.warnings);
        setSaved(true);
        if (!item) void navigate(paths.contentItem(data.item.id), { replace: true });
      },
    });
  }

  return (
    <form className="form" onSubmit={handleSubmit} noValidate aria-label={t('content.editor.formLabel')}>
      <FormError error={save.error} />
      <TextField label={t('content.fields.title')} required value={form.title} onChange={(e) => set('title', e.target.value)} errors={fieldErrors(save.error, 'title')} />
      <TextField label={t('content.fields.url')} type="url" required placeholder="https://" value={form.url} onChange={(e) => set('url', e.target.value)} errors={fieldErrors(save.error, 'url')} />
      <TextAreaField
        label={t('content.fields.summary')}
        hint={t('content.editor.summaryHint')}
        rows={4}
        value={form.summary}
        onChange={(e) => set('summary', e.target.value)}
        errors={fieldErrors(save.error, 'summary')}
      />
      <div className="form__row">
        <SelectField
          label={t('content.fields.kind')}
          value={form.kind}
          onChange={(e) => set('kind', e.target.value as ContentKind)}
          options={CONTENT_KINDS.map((value) => ({ value, label: t(`content.kind.${value}`) }))}
        />
        <SelectField
          label={t('content.fields.language')}
          value={form.language}
          onChange={(e) => set('language', e.target.value as 'de' | 'en')}
          options={[
            { value: 'de', label: t('language.names.de') },
            { value: 'en', label: t('language.names.en') },
          ]}
        />
        <TextField
          label={t('content.fields.translationOf')}
          hint={t('content.editor.translationHint')}
          inputMode="numeric"
          value={form.translation_of}
          onChange={(e) => set('translation_of', e.target.value.replace(/\D/g, ''))}
          errors={fieldErrors(save.error, 'translation_of')}
        />
      </div>
      <div className="form__row">
        <DateTimeField label={t('content.fields.startsAt')} value={form.starts_at} onValueChange={(value) => set('starts_at', value)} errors={fieldErrors(save.error, 'starts_at')} />
        <DateTimeField label={t('content.fields.expiresAt')} value={form.expires_at} onValueChange={(value) => set('expires_at', value)} errors={fieldErrors(save.error, 'expires_at')} />
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={form.important} onChange={(e) => set('important', e.target.checked)} />
        {t('content.fields.important')}
      </label>
      <MultiSelect label={t('content.fields.topics')} hint={t('content.editor.multiHint')} options={topicOptions} value={form.topics} onChange={(v) => set('topics', v)} />
      <div className="form__row">
        <MultiSelect label={t('content.fields.departments')} hint={t('content.editor.audienceHint')} options={organisation.data?.departments ?? []} value={form.departments} onChange={(v) => set('departments', v)} />
        <MultiSelect label={t('content.fields.locations')} hint={t('content.editor.audienceHint')} options={organisation.data?.locations ?? []} value={form.locations} onChange={(v) => set('locations', v)} />
      </div>
      <fieldset className="fieldset">
        <legend>{t('content.editor.shareTexts')}</legend>
        <p className="muted">{t('content.editor.shareTextsHint')}</p>
        {NETWORKS.map((network) => (
          <ShareTextField
            key={network}
            network={network}
            limit={limitOf(network)}
            value={form.share_texts[network]}
            onChange={(value) => set('share_texts', { ...form.share_texts, [network]: value })}
            errors={fieldErrors(save.error, `share_texts.${network}`)}
          />
        ))}
      </fieldset>
      <div className="form__actions">
        <Button type="submit" isPending={save.isPending}>
          {item ? t('content.editor.save') : t('content.editor.create')}
        </Button>
      </div>
      {saved && <SuccessAlert>{t('content.editor.saved')}</SuccessAlert>}
      {warnings.length > 0 && (
        <div className="alert alert--warning" role="status">
          <p>{t('content.editor.warnings')}</p>
          <ul>
            {warnings.map((warning) => (
              <li key={`${warning.rule_id}-${warning.start}`}>
                {t('content.rules.warnedBy', { name: warning.name, text: warning.matched_text })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}

function ImageCard({ item }: { item: ContentItem }) {
  const { t } = useTranslation();
  const upload = useUploadContentImage(item.id);
  return (
    <Card title={t('content.editor.image')}>
      {item.image_url && <img className="content-image" src={item.image_url} alt="" />}
      <div className="field">
        <label className="field__label" htmlFor={`content-image-${item.id}`}>
          {t('content.editor.uploadImage')}
        </label>
        <input
          id={`content-image-${item.id}`}
          type="file"
          accept="image/jpeg,image/png,image/webp"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) upload.mutate(file);
          }}
        />
        <p className="field__hint">{t('content.editor.imageHint')}</p>
      </div>
      <ErrorAlert error={upload.error} />
    </Card>
  );
}

export function ContentEditorPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const itemId = id && /^\d+$/.test(id) ? Number(id) : null;
  const item = useContentItem(itemId);
  useDocumentTitle(item.data?.title ?? t('content.editor.newTitle'));
  if (itemId !== null && item.isPending) return <Spinner />;
  return (
    <>
      <PageHeader
        title={item.data?.title ?? t('content.editor.newTitle')}
        description={
          item.data ? (
            <>
              <span className={`badge badge--content-${item.data.status}`}>{t(`content.status.${item.data.status}`)}</span>{' '}
              {t('content.editor.campaign')} <code>utm_campaign={item.data.slug}</code>
              {item.data.published_at && ` · ${t('content.editor.publishedAt', { date: formatDateTime(item.data.published_at) })}`}
            </>
          ) : (
            t('content.editor.newDescription')
          )
        }
        actions={<Link to={paths.contentHub}>{t('content.editor.back')}</Link>}
      />
      <ContentNav />
      <ErrorAlert error={item.error} />
      {item.data && item.data.translations.length > 0 && (
        <Card title={t('content.editor.translations')}>
          <ul>
            {item.data.translations.map((version) => (
              <li key={version.id}>
                <Link to={paths.contentItem(version.id)}>{version.title}</Link> ({languageName(version.language)},{' '}
                {t(`content.status.${version.status}`)})
              </li>
            ))}
          </ul>
        </Card>
      )}
      {item.data?.suggested_by && (
        <Card title={t('content.editor.suggestion')}>
          <p>{t('content.suggestedBy', { name: item.data.suggested_by.full_name })}</p>
          {item.data.suggestion_note && <blockquote>{item.data.suggestion_note}</blockquote>}
        </Card>
      )}
      <div className="content-editor">
        <Card title={t('content.editor.details')}>
          <ContentForm key={item.data?.updated_at ?? 'new'} item={item.data} />
        </Card>
        {item.data && (
          <div className="content-editor__side">
            <WorkflowPanel item={item.data} />
            <ImageCard item={item.data} />
          </div>
        )}
      </div>
    </>
  );
}
