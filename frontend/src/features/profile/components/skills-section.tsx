import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { SKILL_LEVELS } from '@/components/experts/types';
import { Button } from '@/components/ui/button';
import { Combobox } from '@/components/ui/combobox';
import { Dialog } from '@/components/ui/dialog';
import { SuccessAlert } from '@/components/ui/error-alert';
import { fieldErrors } from '@/components/ui/error-message';
import { FormError, TextField } from '@/components/ui/form';
import { Card, EmptyState } from '@/components/ui/page';
import { TextAreaField } from '@/components/ui/textarea';
import { putSkills, useProfileMutation, type MyProfile } from '@/features/profile/api/profile';
import { useProposeSkill, useSkillAutocomplete } from '@/features/profile/api/skills';
import { useDebouncedValue } from '@/lib/use-debounced-value';

type SkillRow = MyProfile['skills'][number];
const FLAGS = ['interest', 'ask_me_about', 'can_mentor'] as const;

function ProposeSkillDialog({ initialName, onClose }: { initialName: string; onClose: () => void }) {
  const { t } = useTranslation();
  const propose = useProposeSkill();
  const [name, setName] = useState(initialName);
  const [note, setNote] = useState('');

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    propose.mutate({ name: name.trim(), note: note.trim() });
  }

  return (
    <Dialog title={t('profile.skills.propose.title')} onClose={onClose}>
      {propose.isSuccess ? (
        <>
          <SuccessAlert>{t('profile.skills.propose.done', { name: propose.data.name })}</SuccessAlert>
          <div className="dialog__actions">
            <Button onClick={onClose}>{t('common.close')}</Button>
          </div>
        </>
      ) : (
        <form className="form" onSubmit={handleSubmit} noValidate>
          <p>{t('profile.skills.propose.intro')}</p>
          <FormError error={propose.error} />
          <TextField label={t('profile.skills.propose.name')} name="name" required maxLength={120} value={name} onChange={(event) => setName(event.target.value)} errors={fieldErrors(propose.error, 'name')} />
          <TextAreaField label={t('profile.skills.propose.note')} name="note" rows={3} maxLength={500} value={note} onChange={(event) => setNote(event.target.value)} errors={fieldErrors(propose.error, 'note')} />
          <div className="dialog__actions">
            <Button variant="secondary" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" isPending={propose.isPending} disabled={!name.trim()}>
              {t('profile.skills.propose.submit')}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

function LevelRadios({ row, onChange }: { row: SkillRow; onChange: (level: number) => void }) {
  const { t } = useTranslation();
  const name = `level-${String(row.skill.id)}`;
  return (
    <fieldset className="level-radios">
      <legend className="visually-hidden">{t('profile.skills.levelFor', { name: row.skill.name })}</legend>
      {SKILL_LEVELS.map((level) => {
        const label = t('experts.levelOf', { level, name: t(`experts.levels.${String(level)}` as 'experts.levels.1') });
        return (
          <label key={level} className="level-radios__option" title={label}>
            <input type="radio" name={name} value={level} checked={row.level === level} aria-label={label} onChange={() => onChange(level)} />
            <span aria-hidden="true">{level}</span>
          </label>
        );
      })}
    </fieldset>
  );
}

export function SkillsSection({ profile }: { profile: MyProfile }) {
  const { t } = useTranslation();
  const save = useProfileMutation(putSkills);
  const [rows, setRows] = useState<SkillRow[]>(profile.skills);
  const [search, setSearch] = useState('');
  const [proposing, setProposing] = useState(false);
  const debounced = useDebouncedValue(search.trim(), 200);
  const suggestions = useSkillAutocomplete(debounced);
  const taken = new Set(rows.map((row) => row.skill.id));

  function change(id: number, patch: Partial<SkillRow>) {
    save.reset();
    setRows((current) => current.map((row) => (row.skill.id === id ? { ...row, ...patch } : row)));
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(
      rows.map((row) => ({
        skill: row.skill.id,
        level: row.level,
        interest: row.interest,
        ask_me_about: row.ask_me_about,
        can_mentor: row.can_mentor,
      })),
    );
  }

  const options = (suggestions.data ?? [])
    .filter((skill) => !taken.has(skill.id))
    .map((skill) => ({ id: String(skill.id), label: skill.name }));

  return (
    <Card title={t('profile.skills.title')}>
      <p className="muted">{t('profile.skills.intro')}</p>
      <Combobox
        label={t('profile.skills.add')}
        value={search}
        onValueChange={setSearch}
        options={options}
        emptyText={suggestions.isSuccess && debounced ? t('profile.skills.noMatch') : undefined}
        hint={t('profile.skills.addHint')}
        onSelect={(option) => {
          const skill = suggestions.data?.find((item) => String(item.id) === option.id);
          if (!skill) return;
          save.reset();
          setRows((current) => [...current, { skill, level: 3, interest: false, ask_me_about: false, can_mentor: false }]);
          setSearch('');
        }}
      />
      <p>
        <Button variant="link" onClick={() => setProposing(true)}>
          {t('profile.skills.propose.open')}
        </Button>
      </p>
      <form className="form" onSubmit={handleSubmit} aria-label={t('profile.skills.title')}>
        <FormError error={save.error} />
        {save.isSuccess && <SuccessAlert>{t('profile.saved')}</SuccessAlert>}
        {rows.length === 0 ? (
          <EmptyState>{t('profile.skills.empty')}</EmptyState>
        ) : (
          <ul className="edit-rows">
            {rows.map((row) => (
              <li key={row.skill.id} className="edit-row" aria-label={row.skill.name}>
                <span className="edit-row__name">{row.skill.name}</span>
                <LevelRadios row={row} onChange={(level) => change(row.skill.id, { level })} />
                {FLAGS.map((flag) => (
                  <label key={flag} className="checkbox">
                    <input type="checkbox" checked={row[flag]} onChange={(event) => change(row.skill.id, { [flag]: event.target.checked })} />
                    {t(`profile.skills.flags.${flag}`)}
                  </label>
                ))}
                <Button
                  variant="secondary"
                  size="small"
                  aria-label={t('profile.skills.removeFor', { name: row.skill.name })}
                  onClick={() => {
                    save.reset();
                    setRows((current) => current.filter((item) => item.skill.id !== row.skill.id));
                  }}
                >
                  {t('common.remove')}
                </Button>
              </li>
            ))}
          </ul>
        )}
        <div className="form__actions">
          <Button type="submit" isPending={save.isPending}>
            {t('profile.skills.save')}
          </Button>
        </div>
      </form>
      {proposing && <ProposeSkillDialog initialName={search} onClose={() => setProposing(false)} />}
    </Card>
  );
}
