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
  useCreateLocation,
  useDeleteLocation,
  useLocations,
  useUpdateLocation,
  type Location,
} from '@/features/organisation/api/locations';

type LocationForm = { name: string; city: string; country: string };
const EMPTY: LocationForm = { name: '', city: '', country: 'DE' };

function LocationFields({ value, onChange, error }: { value: LocationForm; onChange: (value: LocationForm) => void; error: unknown }) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t('organisation.locations.name')}
        value={value.name}
        required
        onChange={(event) => onChange({ ...value, name: event.target.value })}
        errors={fieldErrors(error, 'name')}
      />
      <TextField
        label={t('organisation.locations.city')}
        value={value.city}
        required
        onChange={(event) => onChange({ ...value, city: event.target.value })}
        errors={fieldErrors(error, 'city')}
      />
      <TextField
        label={t('organisation.locations.country')}
        value={value.country}
        maxLength={2}
        className="input--short"
        hint={t('organisation.locations.countryHint')}
        onChange={(event) => onChange({ ...value, country: event.target.value.toUpperCase() })}
        errors={fieldErrors(error, 'country')}
      />
    </>
  );
}

function clean(value: LocationForm): LocationForm {
  return { name: value.name.trim(), city: value.city.trim(), country: value.country.trim().toUpperCase() };
}

function LocationRow({ location, onDelete }: { location: Location; onDelete: (location: Location) => void }) {
  const { t } = useTranslation();
  const update = useUpdateLocation();
  const initial: LocationForm = { name: location.name, city: location.city, country: location.country };
  const [editing, setEditing] = useState(false);
  const [form, setForm] = useState(initial);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update.mutate({ id: location.id, data: clean(form) }, { onSuccess: () => setEditing(false) });
  }

  if (editing) {
    return (
      <li className="org-item org-item--editing">
        <form className="form form--inline" onSubmit={handleSubmit} noValidate>
          <FormError error={update.error} />
          <LocationFields value={form} onChange={setForm} error={update.error} />
          <div className="form__actions">
            <Button type="submit" size="small" isPending={update.isPending}>
              {t('common.save')}
            </Button>
            <Button
              variant="secondary"
              size="small"
              onClick={() => {
                update.reset();
                setForm(initial);
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
      <span className="org-item__name">{location.name}</span>
      <span className="muted">
        {[location.city, location.country].filter(Boolean).join(', ')} ·{' '}
        {t('organisation.members', { count: location.member_count })}
      </span>
      <span className="org-item__actions">
        <Button
          variant="secondary"
          size="small"
          onClick={() => setEditing(true)}
          aria-label={t('organisation.renameFor', { name: location.name })}
        >
          {t('organisation.rename')}
        </Button>
        <Button
          variant="danger"
          size="small"
          onClick={() => onDelete(location)}
          aria-label={t('organisation.deleteFor', { name: location.name })}
        >
          {t('common.delete')}
        </Button>
      </span>
    </li>
  );
}

export function LocationsSection() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const locations = useLocations(page);
  const create = useCreateLocation();
  const remove = useDeleteLocation();
  const [form, setForm] = useState(EMPTY);
  const [toDelete, setToDelete] = useState<Location | null>(null);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(clean(form), { onSuccess: () => setForm(EMPTY) });
  }

  return (
    <Card title={t('organisation.locations.title')}>
      <form className="form form--inline" onSubmit={handleSubmit} noValidate aria-label={t('organisation.locations.add')}>
        <FormError error={create.error} />
        <LocationFields value={form} onChange={setForm} error={create.error} />
        <div className="form__actions">
          <Button type="submit" isPending={create.isPending}>
            {t('organisation.locations.add')}
          </Button>
        </div>
      </form>
      {locations.isPending && <Spinner />}
      <ErrorAlert error={locations.error} />
      {locations.data &&
        (locations.data.results.length === 0 ? (
          <EmptyState>{t('organisation.locations.empty')}</EmptyState>
        ) : (
          <ul className="org-list" aria-label={t('organisation.locations.title')}>
            {locations.data.results.map((location) => (
              <LocationRow key={location.id} location={location} onDelete={setToDelete} />
            ))}
          </ul>
        ))}
      {locations.data && (
        <Pagination page={page} pageSize={DEFAULT_PAGE_SIZE} count={locations.data.count} onPageChange={setPage} />
      )}
      {toDelete && (
        <ConfirmDialog
          title={t('organisation.locations.deleteTitle', { name: toDelete.name })}
          confirmLabel={t('common.delete')}
          isPending={remove.isPending}
          error={remove.error}
          onCancel={() => {
            remove.reset();
            setToDelete(null);
          }}
          onConfirm={() => remove.mutate(toDelete.id, { onSuccess: () => setToDelete(null) })}
        >
          <p>{t('organisation.locations.deleteText')}</p>
        </ConfirmDialog>
      )}
    </Card>
  );
}
