import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { formatDate } from '@/components/ui/format';
import { SelectField, TextField } from '@/components/ui/form';
import { Card, EmptyState, PageHeader } from '@/components/ui/page';
import { useDocumentTitle } from '@/lib/use-document-title';
import { Pagination } from '@/components/ui/pagination';
import { Spinner } from '@/components/ui/spinner';
import { DEFAULT_PAGE_SIZE, ROLES } from '@/config/constants';
import { useUsers, type User, type UsersQuery } from '@/features/users/api/get-users';
import { useUpdateUser } from '@/features/users/api/update-user';
import type { Role } from '@/lib/api/types';
import { useCurrentUser } from '@/lib/auth';
import { useOrganisationOptions } from '@/lib/organisation-options';
import { useDebouncedValue } from '@/lib/use-debounced-value';

type ActiveFilter = 'all' | 'active' | 'inactive';
const ORDERINGS = ['last_name', 'email', '-date_joined'] as const;
type Ordering = (typeof ORDERINGS)[number];

function UserRow({ user, onDeactivate }: { user: User; onDeactivate: (user: User) => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const update = useUpdateUser();
  const isSelf = me.id === user.id;

  return (
    <tr className={user.is_active ? undefined : 'table__row--muted'}>
      <th scope="row">
        <span className="table__primary">{user.full_name || user.email}</span>
        <span className="table__secondary">{user.email}</span>
      </th>
      <td>
        <label className="visually-hidden" htmlFor={`role-${user.id}`}>
          {t('users.roleFor', { name: user.full_name || user.email })}
        </label>
        <select
          id={`role-${user.id}`}
          className="input input--compact"
          value={user.role}
          disabled={isSelf || update.isPending}
          onChange={(event) => update.mutate({ id: user.id, data: { role: event.target.value as Role } })}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </select>
        {update.isError && <ErrorAlert error={update.error} />}
      </td>
      <td>{user.department?.name ?? '–'}</td>
      <td>{user.location?.name ?? '–'}</td>
      <td>
        <span className={`badge ${user.is_active ? 'badge--ok' : 'badge--muted'}`}>
          {user.is_active ? t('users.status.active') : t('users.status.inactive')}
        </span>
      </td>
      <td>{formatDate(user.date_joined)}</td>
      <td className="table__actions">
        {user.is_active ? (
          <Button
            variant="secondary"
            size="small"
            disabled={isSelf}
            onClick={() => onDeactivate(user)}
            aria-label={t('users.deactivateFor', { name: user.full_name || user.email })}
          >
            {t('users.deactivate')}
          </Button>
        ) : (
          <Button
            variant="secondary"
            size="small"
            isPending={update.isPending}
            onClick={() => update.mutate({ id: user.id, data: { is_active: true } })}
            aria-label={t('users.reactivateFor', { name: user.full_name || user.email })}
          >
            {t('users.reactivate')}
          </Button>
        )}
      </td>
    </tr>
  );
}

export function UsersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('users.title'));
  const options = useOrganisationOptions();
  const deactivate = useUpdateUser();
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [department, setDepartment] = useState('');
  const [active, setActive] = useState<ActiveFilter>('all');
  const [ordering, setOrdering] = useState<Ordering>('last_name');
  const [page, setPage] = useState(1);
  const [toDeactivate, setToDeactivate] = useState<User | null>(null);
  const debouncedSearch = useDebouncedValue(search.trim());

  const query: UsersQuery = {
    page,
    page_size: DEFAULT_PAGE_SIZE,
    ordering,
    ...(debouncedSearch && { search: debouncedSearch }),
    ...(role && { role }),
    ...(department && { department: Number(department) }),
    ...(active !== 'all' && { is_active: active === 'active' }),
  };
  const users = useUsers(query);

  // Any filter change starts again at page 1.
  function filterSetter<T>(setter: (value: T) => void) {
    return (value: T) => {
      setter(value);
      setPage(1);
    };
  }

  return (
    <>
      <PageHeader title={t('users.title')} description={t('users.description')} />
      <Card>
        <form className="filters" role="search" aria-label={t('users.filters')} onSubmit={(event) => event.preventDefault()}>
          <TextField
            label={t('common.search')}
            type="search"
            value={search}
            placeholder={t('users.searchPlaceholder')}
            onChange={(event) => filterSetter(setSearch)(event.target.value)}
          />
          <SelectField
            label={t('fields.role')}
            value={role}
            onChange={(event) => filterSetter(setRole)(event.target.value as Role | '')}
            options={[
              { value: '', label: t('common.all') },
              ...ROLES.map((value) => ({ value, label: t(`roles.${value}`) })),
            ]}
          />
          <SelectField
            label={t('fields.department')}
            value={department}
            onChange={(event) => filterSetter(setDepartment)(event.target.value)}
            options={[{ value: '', label: t('common.all') }, ...(options.data?.departments ?? [])]}
          />
          <SelectField
            label={t('users.statusLabel')}
            value={active}
            onChange={(event) => filterSetter(setActive)(event.target.value as ActiveFilter)}
            options={[
              { value: 'all', label: t('common.all') },
              { value: 'active', label: t('users.status.active') },
              { value: 'inactive', label: t('users.status.inactive') },
            ]}
          />
          <SelectField
            label={t('common.sortBy')}
            value={ordering}
            onChange={(event) => filterSetter(setOrdering)(event.target.value as Ordering)}
            options={ORDERINGS.map((value) => ({ value, label: t(`users.ordering.${value}`) }))}
          />
        </form>
      </Card>
      <Card>
        {users.isPending && <Spinner />}
        <ErrorAlert error={users.error} />
        {users.data &&
          (users.data.results.length === 0 ? (
            <EmptyState>{t('users.empty')}</EmptyState>
          ) : (
            <div className="table-wrap" aria-busy={users.isFetching}>
              <table className="table">
                <caption className="visually-hidden">{t('users.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('fields.name')}</th>
                    <th scope="col">{t('fields.role')}</th>
                    <th scope="col">{t('fields.department')}</th>
                    <th scope="col">{t('fields.location')}</th>
                    <th scope="col">{t('users.statusLabel')}</th>
                    <th scope="col">{t('users.joined')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('common.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {users.data.results.map((user) => (
                    <UserRow key={user.id} user={user} onDeactivate={setToDeactivate} />
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        {users.data && (
          <Pagination page={page} pageSize={DEFAULT_PAGE_SIZE} count={users.data.count} onPageChange={setPage} />
        )}
      </Card>
      {toDeactivate && (
        <ConfirmDialog
          title={t('users.deactivateTitle', { name: toDeactivate.full_name || toDeactivate.email })}
          confirmLabel={t('users.deactivate')}
          isPending={deactivate.isPending}
          error={deactivate.error}
          onCancel={() => {
            deactivate.reset();
            setToDeactivate(null);
          }}
          onConfirm={() =>
            deactivate.mutate(
              { id: toDeactivate.id, data: { is_active: false } },
              { onSuccess: () => setToDeactivate(null) },
            )
          }
        >
          <p>{t('users.deactivateText')}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
