import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { SuccessAlert } from '@/components/ui/error-alert';
import { fieldErrors } from '@/components/ui/error-message';
import { FormError, TextField } from '@/components/ui/form';
import { Card } from '@/components/ui/page';
import { updateMyProfile, useProfileMutation, type MyProfile } from '@/features/profile/api/profile';
import { RichTextEditor } from '@/features/profile/components/lazy-rich-text-editor';
import { useCurrentUser } from '@/lib/auth';

export function AboutSection({ profile }: { profile: MyProfile }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const save = useProfileMutation(updateMyProfile);
  const [form, setForm] = useState({
    headline_de: profile.headline_de,
    headline_en: profile.headline_en,
    bio_de: profile.bio_de,
    bio_en: profile.bio_en,
    slug: profile.slug,
  });
  const set = (field: keyof typeof form) => (value: string) => {
    save.reset();
    setForm((current) => ({ ...current, [field]: value }));
  };

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate({ ...form, slug: form.slug.trim(), headline_de: form.headline_de.trim(), headline_en: form.headline_en.trim() });
  }

  return (
    <Card title={t('profile.about.title')}>
      <dl className="facts">
        <div>
          <dt>{t('fields.name')}</dt>
          <dd>{user.full_name || user.email}</dd>
        </div>
        <div>
          <dt>{t('fields.department')}</dt>
          <dd>{user.department?.name ?? t('common.none')}</dd>
        </div>
        <div>
          <dt>{t('fields.location')}</dt>
          <dd>{user.location?.name ?? t('common.none')}</dd>
        </div>
      </dl>
      <p className="muted">{t('profile.about.fromDirectory')}</p>
      <form className="form" onSubmit={handleSubmit} noValidate aria-label={t('profile.about.title')}>
        <FormError error={save.error} />
        {save.isSuccess && <SuccessAlert>{t('profile.saved')}</SuccessAlert>}
        <TextField label={t('profile.about.headlineDe')} name="headline_de" maxLength={160} value={form.headline_de} onChange={(event) => set('headline_de')(event.target.value)} errors={fieldErrors(save.error, 'headline_de')} />
        <TextField label={t('profile.about.headlineEn')} name="headline_en" maxLength={160} value={form.headline_en} onChange={(event) => set('headline_en')(event.target.value)} errors={fieldErrors(save.error, 'headline_en')} />
        <RichTextEditor label={t('profile.about.bioDe')} value={form.bio_de} onChange={set('bio_de')} errors={fieldErrors(save.error, 'bio_de')} />
        <RichTextEditor label={t('profile.about.bioEn')} value={form.bio_en} onChange={set('bio_en')} errors={fieldErrors(save.error, 'bio_en')} />
        <TextField label={t('profile.about.slug')} name="slug" maxLength={120} hint={t('profile.about.slugHint', { path: `/experts/${form.slug}` })} value={form.slug} onChange={(event) => set('slug')(event.target.value)} errors={fieldErrors(save.error, 'slug')} />
        <div className="form__actions">
          <Button type="submit" isPending={save.isPending}>
            {t('common.save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
