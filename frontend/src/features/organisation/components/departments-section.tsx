import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { FormError, TextField } from '@/components/ui/form';
import { fieldErrors } from '@/components/ui/error-message';
import { Card, EmptyState } from '@/components/ui/page';
import { Pagination } from '@/components/ui/pagination';
import { Spinner } from '@/components/ui/spinner';
import { DEFAULT_PAGE_SIZE } from '@/config/constants';
import {
  useCreateDepartment,
  useDeleteDepartment,
  useDepartments,
  useRenameDepartment,
  type Department,
} from '@/features/organisation/api/departments';

function DepartmentRow({ department, onDelete }: { department: Department; onDelete: (department: Department) => void }) {
  const { t } = useTranslation();
  const rename = useRenameDepartment();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(department.name);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    rename.mutate({ id: department.id, name: name.trim() }, { onSuccess: () => setEditing(false) });
  }

  if (editing) {
    return (
      <li className="org-item org-item--editing">
        <form className="form form--inline" onSubmit={handleSubmit} noValidate>
          <FormError error={rename.error} />
          <TextField
            label={t('organisation.departments.name')}
            value={name}
            required
            autoFocus
            onChange={(event) => setName(event.target.value)}
            errors={fieldErrors(rename.error, 'name')}
          />
          <div className="form__actions">
            <Button type="submit" size="small" isPending={rename.isPending}>
              {t('common.save')}
            </Button>
            <Button
              variant="secondary"
              size="small"
              onClick={() => {
                rename.reset();
                setName(department.name);
                setEditing(false);
              }}
            >
              {t('common.cancel')}
            </Button>
          </div>
        </form>
      </li>
    );
  }

  return (
    <li className="org-item">
      <span className="org-item__name">{department.name}</span>
      <span className="muted">{t('organisation.members', { count: department.member_count })}</span>
      <span className="org-item__actions">
        <Button
          variant="secondary"
          size="small"
          onClick={() => setEditing(true)}
          aria-label={t('organisation.renameFor', { name: department.name })}
        >
          {t('organisation.rename')}
        </Button>
        <Button
          variant="danger"
          size="small"
          onClick={() => onDelete(department)}
          aria-label={t('organisation.deleteFor', { name: department.name })}
        >
          {t('common.delete')}
        </Button>
      </span>
    </li>
  );
}

export function DepartmentsSection() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const departments = useDepartments(page);
  const create = useCreateDepartment();
  const remove = useDeleteDepartment();
  const [name, setName] = useState('');
  const [toDelete, setToDelete] = useState<Department | null>(null);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({ name: name.trim() }, { onSuccess: () => setName('') });
  }

  return (
    <Card title={t('organisation.departments.title')}>
      <form
        className="form form--inline"
        onSubmit={handleSubmit}
        noValidate
        aria-label={t('organisation.departments.add')}
      >
        <FormError error={create.error} />
        <TextField
          label={t('organisation.departments.name')}
          value={name}
          required
          onChange={(event) => setName(event.target.value)}
          errors={fieldErrors(create.error, 'name')}
        />
        <div className="form__actions">
          <Button type="submit" isPending={create.isPending}>
            {t('organisation.departments.add')}
          </Button>
        </div>
      </form>
      {departments.isPending && <Spinner />}
      <ErrorAlert error={departments.error} />
      {departments.data &&
        (departments.data.results.length === 0 ? (
          <EmptyState>{t('organisation.departments.empty')}</EmptyState>
        ) : (
          <ul className="org-list" aria-label={t('organisation.departments.title')}>
            {departments.data.results.map((department) => (
              <DepartmentRow key={department.id} department={department} onDelete={setToDelete} />
            ))}
          </ul>
        ))}
      {departments.data && (
        <Pagination page={page} pageSize={DEFAULT_PAGE_SIZE} count={departments.data.count} onPageChange={setPage} />
      )}
      {toDelete && (
        <ConfirmDialog
          title={t('organisation.departments.deleteTitle', { name: toDelete.name })}
          confirmLabel={t('common.delete')}
          isPending={remove.isPending}
          error={remove.error}
          onCancel={() => {
            remove.reset();
            setToDelete(null);
          }}
          onConfirm={() => remove.mutate(toDelete.id, { onSuccess: () => setToDelete(null) })}
        >
          <p>{t('organisation.departments.deleteText')}</p>
        </ConfirmDialog>
      )}
    </Card>
  );
}
