import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { LANGUAGE_LEVELS, LINK_KINDS } from '@/components/experts/types';
import { Button } from '@/components/ui/button';
import { SuccessAlert } from '@/components/ui/error-alert';
import { fieldErrors } from '@/components/ui/error-message';
import { FormError, SelectField, TextField } from '@/components/ui/form';
import { Card, EmptyState } from '@/components/ui/page';
import { putLanguages, putLinks, useProfileMutation, type MyProfile } from '@/features/profile/api/profile';
import { languageName } from '@/lib/labels';

type LanguageRow = MyProfile['languages'][number];
type LinkRow = MyProfile['links'][number];
type LinkKind = LinkRow['kind'];

const LANGUAGE_CODES = ['de', 'en', 'fr', 'es', 'it', 'nl', 'pl', 'pt', 'cs', 'da', 'sv', 'tr', 'ru', 'uk', 'ar', 'zh', 'ja'];
/** An example address per kind, shown as the hint; the server validates the real rules. */
const LINK_EXAMPLES: Record<LinkKind, string> = {
  linkedin: 'https://www.linkedin.com/in/…',
  xing: 'https://www.xing.com/profile/…',
  blog: 'https://…',
  orcid: 'https://orcid.org/0000-0000-0000-0000',
  github: 'https://github.com/…',
  mastodon: 'https://mastodon.social/@…',
  website: 'https://…',
};

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export function LanguagesSection({ profile }: { profile: MyProfile }) {
  const { t } = useTranslation();
  const save = useProfileMutation(putLanguages);
  const [rows, setRows] = useState<LanguageRow[]>(profile.languages);
  const free = LANGUAGE_CODES.filter((code) => !rows.some((row) => row.code === code));

  function update(index: number, patch: Partial<LanguageRow>) {
    save.reset();
    setRows((current) => current.map((row, position) => (position === index ? { ...row, ...patch } : row)));
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(rows);
  }

  return (
    <Card title={t('profile.languages.title')}>
      <form className="form" onSubmit={handleSubmit} aria-label={t('profile.languages.title')}>
        <FormError error={save.error} />
        {save.isSuccess && <SuccessAlert>{t('profile.saved')}</SuccessAlert>}
        {rows.length === 0 && <EmptyState>{t('profile.languages.empty')}</EmptyState>}
        <ul className="edit-rows">
          {rows.map((row, index) => (
            <li key={row.code} className="edit-row" aria-label={languageName(row.code)}>
              <SelectField
                label={t('profile.languages.language')}
                value={row.code}
                onChange={(event) => update(index, { code: event.target.value })}
                options={[row.code, ...free].map((code) => ({ value: code, label: languageName(code) }))}
              />
              <SelectField
                label={t('profile.languages.level')}
                value={row.level}
                onChange={(event) => update(index, { level: event.target.value as LanguageRow['level'] })}
                options={LANGUAGE_LEVELS.map((level) => ({ value: level, label: level === 'native' ? t('experts.native') : level }))}
              />
              <Button variant="secondary" size="small" aria-label={t('profile.languages.removeFor', { name: languageName(row.code) })} onClick={() => setRows((current) => current.filter((_, position) => position !== index))}>
                {t('common.remove')}
              </Button>
            </li>
          ))}
        </ul>
        <div className="form__actions">
          {free[0] !== undefined && (
            <Button variant="secondary" onClick={() => setRows((current) => [...current, { code: free[0] ?? 'en', level: 'B2' }])}>
              {t('profile.languages.add')}
            </Button>
          )}
          <Button type="submit" isPending={save.isPending}>
            {t('profile.languages.save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

export function LinksSection({ profile }: { profile: MyProfile }) {
  const { t } = useTranslation();
  const save = useProfileMutation(putLinks);
  const [rows, setRows] = useState<(LinkRow & { key: number })[]>(profile.links.map((link, index) => ({ ...link, key: index })));
  const [nextKey, setNextKey] = useState(profile.links.length);
  const [submitted, setSubmitted] = useState(false);
  const invalid = rows.filter((row) => !isHttpUrl(row.url));

  function update(key: number, patch: Partial<LinkRow>) {
    save.reset();
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    if (invalid.length > 0) return;
    save.mutate(rows.map(({ kind, url }) => ({ kind, url: url.trim() })));
  }

  return (
    <Card title={t('profile.links.title')}>
      <form className="form" onSubmit={handleSubmit} noValidate aria-label={t('profile.links.title')}>
        <FormError error={save.error} />
        {save.isSuccess && <SuccessAlert>{t('profile.saved')}</SuccessAlert>}
        {rows.length === 0 && <EmptyState>{t('profile.links.empty')}</EmptyState>}
        <ul className="edit-rows">
          {rows.map((row, index) => (
            <li key={row.key} className="edit-row" aria-label={t(`experts.linkKinds.${row.kind}`)}>
              <SelectField
                label={t('profile.links.kind')}
                value={row.kind}
                onChange={(event) => update(row.key, { kind: event.target.value as LinkKind })}
                errors={fieldErrors(save.error, `${String(index)}.kind`)}
                options={LINK_KINDS.map((kind) => ({ value: kind, label: t(`experts.linkKinds.${kind}`) }))}
              />
              <TextField
                label={t('profile.links.url')}
                type="url"
                inputMode="url"
                value={row.url}
                hint={t('profile.links.example', { example: LINK_EXAMPLES[row.kind] })}
                errors={[
                  ...(submitted && !isHttpUrl(row.url) ? [t('profile.links.invalid')] : []),
                  ...fieldErrors(save.error, `${String(index)}.url`),
                ]}
                onChange={(event) => update(row.key, { url: event.target.value })}
              />
              <Button variant="secondary" size="small" aria-label={t('profile.links.removeFor', { kind: t(`experts.linkKinds.${row.kind}`) })} onClick={() => setRows((current) => current.filter((item) => item.key !== row.key))}>
                {t('common.remove')}
              </Button>
            </li>
          ))}
        </ul>
        <div className="form__actions">
          <Button
            variant="secondary"
            onClick={() => {
              setRows((current) => [...current, { kind: 'linkedin', url: '', key: nextKey }]);
              setNextKey((key) => key + 1);
            }}
          >
            {t('profile.links.add')}
          </Button>
          <Button type="submit" isPending={save.isPending}>
            {t('profile.links.save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
