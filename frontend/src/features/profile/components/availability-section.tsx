import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { AVAILABILITY_KINDS } from '@/components/experts/types';
import { Button } from '@/components/ui/button';
import { DateField } from '@/components/ui/date-field';
import { SuccessAlert } from '@/components/ui/error-alert';
import { fieldErrors } from '@/components/ui/error-message';
import { FormError, TextField } from '@/components/ui/form';
import { Card } from '@/components/ui/page';
import { updateMyProfile, useProfileMutation, type MyProfile } from '@/features/profile/api/profile';

export function AvailabilitySection({ profile }: { profile: MyProfile }) {
  const { t } = useTranslation();
  const save = useProfileMutation(updateMyProfile);
  const initial = profile.availability;
  const [flags, setFlags] = useState({ press: initial.press, talks: initial.talks, customers: initial.customers, mentoring: initial.mentoring });
  const [topics, setTopics] = useState<number[]>(initial.topics.map((topic) => topic.id));
  const [until, setUntil] = useState(initial.until ?? '');
  const [note, setNote] = useState(initial.note);
  // Topics are chosen from the profile's own skills (and any topic already set).
  const choices = [
    ...profile.skills.map((item) => item.skill),
    ...initial.topics.filter((topic) => !profile.skills.some((item) => item.skill.id === topic.id)),
  ];

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate({ availability: { ...flags, topics, until: until || null, note: note.trim() } });
  }

  return (
    <Card title={t('profile.availability.title')}>
      <form className="form" onSubmit={handleSubmit} noValidate aria-label={t('profile.availability.title')}>
        <FormError error={save.error} />
        {save.isSuccess && <SuccessAlert>{t('profile.saved')}</SuccessAlert>}
        <fieldset className="fieldset">
          <legend>{t('profile.availability.for')}</legend>
          {AVAILABILITY_KINDS.map((kind) => (
            <label key={kind} className="checkbox">
              <input
                type="checkbox"
                checked={flags[kind]}
                onChange={(event) => {
                  save.reset();
                  setFlags((current) => ({ ...current, [kind]: event.target.checked }));
                }}
              />
              {t(`experts.availability.${kind}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t('profile.availability.topics')}</legend>
          {choices.length === 0 && <p className="muted">{t('profile.availability.noTopics')}</p>}
          {choices.map((skill) => (
            <label key={skill.id} className="checkbox">
              <input
                type="checkbox"
                checked={topics.includes(skill.id)}
                onChange={(event) => setTopics((current) => (event.target.checked ? [...current, skill.id] : current.filter((id) => id !== skill.id)))}
              />
              {skill.name}
            </label>
          ))}
        </fieldset>
        <DateField label={t('profile.availability.until')} value={until} onValueChange={setUntil} errors={fieldErrors(save.error, 'availability.until')} />
        <TextField label={t('profile.availability.note')} maxLength={280} hint={t('profile.availability.noteHint')} value={note} onChange={(event) => setNote(event.target.value)} errors={fieldErrors(save.error, 'availability.note')} />
        <div className="form__actions">
          <Button type="submit" isPending={save.isPending}>
            {t('profile.availability.save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
