import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { Combobox } from '@/components/ui/combobox';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog } from '@/components/ui/dialog';
import { ErrorAlert, SuccessAlert } from '@/components/ui/error-alert';
import { fieldErrors } from '@/components/ui/error-message';
import { FormError, SelectField, TextField } from '@/components/ui/form';
import { Card, EmptyState, PageHeader } from '@/components/ui/page';
import { Pagination } from '@/components/ui/pagination';
import { Spinner } from '@/components/ui/spinner';
import { TextAreaField } from '@/components/ui/textarea';
import { DEFAULT_PAGE_SIZE } from '@/config/constants';
import {
  useApproveSkill,
  useCreateSkill,
  useMergeSkill,
  useRejectSkill,
  useSkillRefs,
  useSkills,
  useUpdateSkill,
  type Skill,
  type SkillStatus,
  type SkillsQuery,
} from '@/features/taxonomy/api/skills';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { useDocumentTitle } from '@/lib/use-document-title';

const STATUSES = ['approved', 'proposed', 'rejected', 'merged'] as const satisfies readonly SkillStatus[];
type SkillRef = { id: number; name: string };

/** Pick one approved skill from the catalogue (parent, merge target). */
function SkillPicker({ label, exclude, value, onChange }: { label: string; exclude?: number; value: SkillRef | null; onChange: (skill: SkillRef | null) => void }) {
  const [text, setText] = useState(value?.name ?? '');
  const debounced = useDebouncedValue(text.trim(), 200);
  const refs = useSkillRefs(debounced);
  return (
    <Combobox
      label={label}
      value={text}
      onValueChange={(next) => {
        setText(next);
        if (value) onChange(null);
      }}
      options={(refs.data ?? []).filter((skill) => skill.id !== exclude).map((skill) => ({ id: String(skill.id), label: skill.name }))}
      onSelect={(option) => {
        setText(option.label);
        onChange({ id: Number(option.id), name: option.label });
      }}
    />
  );
}

function SkillFormDialog({ skill, onClose }: { skill: Skill | null; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateSkill();
  const update = useUpdateSkill();
  const mutation = skill ? update : create;
  const [nameDe, setNameDe] = useState(skill?.name_de ?? '');
  const [nameEn, setNameEn] = useState(skill?.name_en ?? '');
  const [aliases, setAliases] = useState(skill?.aliases.join(', ') ?? '');
  const [description, setDescription] = useState('');
  const [parent, setParent] = useState<SkillRef | null>(skill?.parent ?? null);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = {
      name_de: nameDe.trim(),
      name_en: nameEn.trim(),
      parent: parent?.id ?? null,
      aliases: aliases.split(',').map((alias) => alias.trim()).filter(Boolean),
    };
    if (skill) update.mutate({ id: skill.id, data }, { onSuccess: onClose });
    else create.mutate({ ...data, description: description.trim() }, { onSuccess: onClose });
  }

  return (
    <Dialog title={skill ? t('taxonomy.form.editTitle', { name: skill.name }) : t('taxonomy.form.createTitle')} onClose={onClose}>
      <form className="form" onSubmit={handleSubmit} noValidate>
        <FormError error={mutation.error} />
        <TextField label={t('taxonomy.fields.nameDe')} required maxLength={120} value={nameDe} onChange={(event) => setNameDe(event.target.value)} errors={fieldErrors(mutation.error, 'name_de')} />
        <TextField label={t('taxonomy.fields.nameEn')} required maxLength={120} value={nameEn} onChange={(event) => setNameEn(event.target.value)} errors={fieldErrors(mutation.error, 'name_en')} />
        <TextField label={t('taxonomy.fields.aliases')} hint={t('taxonomy.form.aliasesHint')} value={aliases} onChange={(event) => setAliases(event.target.value)} errors={fieldErrors(mutation.error, 'aliases')} />
        <SkillPicker label={t('taxonomy.fields.parent')} exclude={skill?.id} value={parent} onChange={setParent} />
        {fieldErrors(mutation.error, 'parent').length > 0 && <p className="field__errors">{fieldErrors(mutation.error, 'parent').join(' ')}</p>}
        {!skill && <TextAreaField label={t('taxonomy.fields.description')} rows={3} value={description} onChange={(event) => setDescription(event.target.value)} errors={fieldErrors(mutation.error, 'description')} />}
        <div className="dialog__actions">
          <Button variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" isPending={mutation.isPending}>
            {t('common.save')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function MergeDialog({ skill, onClose, onMerged }: { skill: Skill; onClose: () => void; onMerged: (message: string) => void }) {
  const { t } = useTranslation();
  const merge = useMergeSkill();
  const [target, setTarget] = useState<SkillRef | null>(null);
  const [confirming, setConfirming] = useState(false);

  if (confirming && target) {
    return (
      <ConfirmDialog
        title={t('taxonomy.merge.confirmTitle', { source: skill.name, target: target.name })}
        confirmLabel={t('taxonomy.merge.confirm')}
        isPending={merge.isPending}
        error={merge.error}
        onCancel={() => {
          merge.reset();
          setConfirming(false);
        }}
        onConfirm={() =>
          merge.mutate(
            { id: skill.id, into: target.id },
            { onSuccess: () => onMerged(t('taxonomy.merge.done', { source: skill.name, target: target.name })) },
          )
        }
      >
        <p>{t('taxonomy.merge.explanation', { source: skill.name, target: target.name, count: skill.profile_count })}</p>
      </ConfirmDialog>
    );
  }

  return (
    <Dialog title={t('taxonomy.merge.title', { name: skill.name })} onClose={onClose}>
      <p>{t('taxonomy.merge.intro', { name: skill.name })}</p>
      <SkillPicker label={t('taxonomy.merge.target')} exclude={skill.id} value={target} onChange={setTarget} />
      <div className="dialog__actions">
        <Button variant="secondary" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button disabled={!target} onClick={() => setConfirming(true)}>
          {t('taxonomy.merge.next')}
        </Button>
      </div>
    </Dialog>
  );
}

function SkillRow({ skill, onEdit, onMerge }: { skill: Skill; onEdit: () => void; onMerge: () => void }) {
  const { t } = useTranslation();
  const approve = useApproveSkill();
  const reject = useRejectSkill();
  return (
    <tr>
      <th scope="row">
        <span className="table__primary">{skill.name_de}</span>
        <span className="table__secondary" lang="en">
          {skill.name_en}
        </span>
      </th>
      <td>{skill.aliases.length > 0 ? skill.aliases.join(', ') : '–'}</td>
      <td>{skill.parent?.name ?? '–'}</td>
      <td>{skill.profile_count}</td>
      <td>
        <span className={`badge ${skill.status === 'approved' ? 'badge--ok' : skill.status === 'proposed' ? 'badge--pending' : 'badge--muted'}`}>
          {t(`taxonomy.status.${skill.status}`)}
        </span>
      </td>
      <td className="table__actions">
        {skill.status === 'proposed' && (
          <>
            <Button size="small" isPending={approve.isPending} onClick={() => approve.mutate(skill.id)} aria-label={t('taxonomy.actions.approveFor', { name: skill.name })}>
              {t('taxonomy.actions.approve')}
            </Button>
            <Button variant="secondary" size="small" isPending={reject.isPending} onClick={() => reject.mutate(skill.id)} aria-label={t('taxonomy.actions.rejectFor', { name: skill.name })}>
              {t('taxonomy.actions.reject')}
            </Button>
          </>
        )}
        {skill.status !== 'merged' && (
          <>
            <Button variant="secondary" size="small" onClick={onEdit} aria-label={t('taxonomy.actions.editFor', { name: skill.name })}>
              {t('common.edit')}
            </Button>
            <Button variant="secondary" size="small" onClick={onMerge} aria-label={t('taxonomy.actions.mergeFor', { name: skill.name })}>
              {t('taxonomy.actions.merge')}
            </Button>
          </>
        )}
        <ErrorAlert error={approve.error ?? reject.error} />
      </td>
    </tr>
  );
}

export function TaxonomyPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('taxonomy.title'));
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<SkillStatus | ''>('approved');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Skill | 'new' | null>(null);
  const [merging, setMerging] = useState<Skill | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const debounced = useDebouncedValue(search.trim());
  const query: SkillsQuery = { page, page_size: DEFAULT_PAGE_SIZE, ...(debounced && { search: debounced }), ...(status && { status }) };
  const skills = useSkills(query);

  return (
    <>
      <PageHeader
        title={t('taxonomy.title')}
        description={t('taxonomy.description')}
        actions={<Button onClick={() => setEditing('new')}>{t('taxonomy.form.createTitle')}</Button>}
      />
      <Card>
        <form className="filters" role="search" aria-label={t('taxonomy.filters')} onSubmit={(event) => event.preventDefault()}>
          <TextField label={t('common.search')} type="search" value={search} placeholder={t('taxonomy.searchPlaceholder')} onChange={(event) => { setSearch(event.target.value); setPage(1); }} />
          <SelectField
            label={t('common.status')}
            value={status}
            onChange={(event) => {
              setStatus(event.target.value as SkillStatus | '');
              setPage(1);
            }}
            options={[{ value: '', label: t('common.all') }, ...STATUSES.map((value) => ({ value, label: t(`taxonomy.status.${value}`) }))]}
          />
        </form>
        {notice && <SuccessAlert>{notice}</SuccessAlert>}
        {skills.isPending && <Spinner />}
        <ErrorAlert error={skills.error} />
        {skills.data &&
          (skills.data.results.length === 0 ? (
            <EmptyState>{t('taxonomy.empty')}</EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">{t('taxonomy.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('taxonomy.fields.name')}</th>
                    <th scope="col">{t('taxonomy.fields.aliases')}</th>
                    <th scope="col">{t('taxonomy.fields.parent')}</th>
                    <th scope="col">{t('taxonomy.fields.profiles')}</th>
                    <th scope="col">{t('common.status')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('common.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {skills.data.results.map((skill) => (
                    <SkillRow key={skill.id} skill={skill} onEdit={() => setEditing(skill)} onMerge={() => setMerging(skill)} />
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        {skills.data && <Pagination page={page} pageSize={DEFAULT_PAGE_SIZE} count={skills.data.count} onPageChange={setPage} />}
      </Card>
      {editing && <SkillFormDialog skill={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {merging && (
        <MergeDialog
          skill={merging}
          onClose={() => setMerging(null)}
          onMerged={(message) => {
            setMerging(null);
            setNotice(message);
          }}
        />
      )}
    </>
  );
}
