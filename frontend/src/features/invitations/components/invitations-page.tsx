import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorAlert, SuccessAlert } from '@/components/ui/error-alert';
import { formatDateTime } from '@/components/ui/format';
import { FormError, SelectField, TextField } from '@/components/ui/form';
import { fieldErrors } from '@/components/ui/error-message';
import { roleLabel } from '@/components/ui/labels';
import { Card, EmptyState, PageHeader } from '@/components/ui/page';
import { useDocumentTitle } from '@/lib/use-document-title';
import { Pagination } from '@/components/ui/pagination';
import { Spinner } from '@/components/ui/spinner';
import { DEFAULT_PAGE_SIZE, ROLES } from '@/config/constants';
import { useInvitations, type Invitation } from '@/features/invitations/api/get-invitations';
import {
  type CreateInvitationInput,
  useCreateInvitation,
  useResendInvitation,
  useRevokeInvitation,
} from '@/features/invitations/api/manage-invitation';
import type { Role } from '@/lib/api/types';
import { useOrganisationOptions } from '@/lib/organisation-options';

type InvitationLanguage = NonNullable<CreateInvitationInput['language']>;

const EMPTY_FORM = {
  email: '',
  first_name: '',
  last_name: '',
  role: 'employee' as Role,
  department: '',
  location: '',
  language: '' as InvitationLanguage,
};

function InviteForm({ onInvited }: { onInvited: (email: string) => void }) {
  const { t } = useTranslation();
  const options = useOrganisationOptions();
  const create = useCreateInvitation();
  const [form, setForm] = useState(EMPTY_FORM);

  function set<K extends keyof typeof EMPTY_FORM>(key: K, value: (typeof EMPTY_FORM)[K]) {
    setForm((current) => ({ ...current, [key]: value }));
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(
      {
        email: form.email.trim(),
        first_name: form.first_name.trim(),
        last_name: form.last_name.trim(),
        role: form.role,
        department: form.department ? Number(form.department) : null,
        location: form.location ? Number(form.location) : null,
        language: form.language,
      },
      {
        onSuccess: (invitation) => {
          setForm(EMPTY_FORM);
          onInvited(invitation.email);
        },
      },
    );
  }

  const none = { value: '', label: t('common.none') };
  return (
    <form className="form form--grid" onSubmit={handleSubmit} noValidate aria-label={t('invitations.form.title')}>
      <FormError error={create.error} />
      <TextField
        label={t('fields.email')}
        type="email"
        required
        autoComplete="off"
        value={form.email}
        onChange={(event) => set('email', event.target.value)}
        errors={fieldErrors(create.error, 'email')}
      />
      <TextField
        label={t('fields.firstName')}
        value={form.first_name}
        autoComplete="off"
        onChange={(event) => set('first_name', event.target.value)}
        errors={fieldErrors(create.error, 'first_name')}
      />
      <TextField
        label={t('fields.lastName')}
        value={form.last_name}
        autoComplete="off"
        onChange={(event) => set('last_name', event.target.value)}
        errors={fieldErrors(create.error, 'last_name')}
      />
      <SelectField
        label={t('fields.role')}
        value={form.role}
        onChange={(event) => set('role', event.target.value as Role)}
        errors={fieldErrors(create.error, 'role')}
        options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
      />
      <SelectField
        label={t('fields.department')}
        value={form.department}
        onChange={(event) => set('department', event.target.value)}
        errors={fieldErrors(create.error, 'department')}
        options={[none, ...(options.data?.departments ?? [])]}
      />
      <SelectField
        label={t('fields.location')}
        value={form.location}
        onChange={(event) => set('location', event.target.value)}
        errors={fieldErrors(create.error, 'location')}
        options={[none, ...(options.data?.locations ?? [])]}
      />
      <SelectField
        label={t('invitations.form.language')}
        value={form.language}
        onChange={(event) => set('language', event.target.value as InvitationLanguage)}
        errors={fieldErrors(create.error, 'language')}
        options={[
          { value: '', label: t('invitations.form.languageDefault') },
          { value: 'de', label: t('language.names.de') },
          { value: 'en', label: t('language.names.en') },
        ]}
      />
      <div className="form__actions">
        <Button type="submit" isPending={create.isPending}>
          {t('invitations.form.submit')}
        </Button>
      </div>
    </form>
  );
}

function InvitationRow({ invitation, onRevoke }: { invitation: Invitation; onRevoke: (invitation: Invitation) => void }) {
  const { t } = useTranslation();
  const resend = useResendInvitation();
  const name = `${invitation.first_name} ${invitation.last_name}`.trim();
  const open = invitation.status === 'pending' || invitation.status === 'expired';
  return (
    <tr>
      <th scope="row">
        <span className="table__primary">{name || invitation.email}</span>
        {name && <span className="table__secondary">{invitation.email}</span>}
      </th>
      <td>{roleLabel(t, invitation.role)}</td>
      <td>
        <span className={`badge badge--${invitation.status}`}>{t(`invitations.status.${invitation.status}`)}</span>
      </td>
      <td>{invitation.invited_by?.full_name ?? '–'}</td>
      <td>{formatDateTime(invitation.expires_at)}</td>
      <td>
        {invitation.email_sent_at
          ? formatDateTime(invitation.email_sent_at)
          : invitation.email_status === 'failed'
            ? t('invitations.mailFailed')
            : t('invitations.notSent')}
      </td>
      <td className="table__actions">
        {open && (
          <Button
            variant="secondary"
            size="small"
            isPending={resend.isPending}
            onClick={() => resend.mutate(invitation.id)}
            aria-label={t('invitations.resendFor', { email: invitation.email })}
          >
            {t('invitations.resend')}
          </Button>
        )}
        {invitation.status === 'pending' && (
          <Button
            variant="danger"
            size="small"
            onClick={() => onRevoke(invitation)}
            aria-label={t('invitations.revokeFor', { email: invitation.email })}
          >
            {t('invitations.revoke')}
          </Button>
        )}
        {resend.isSuccess && (
          <span className="inline-status" role="status">
            {t('invitations.resent')}
          </span>
        )}
        {resend.isError && <ErrorAlert error={resend.error} />}
      </td>
    </tr>
  );
}

export function InvitationsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('invitations.title'));
  const [page, setPage] = useState(1);
  const invitations = useInvitations(page);
  const revoke = useRevokeInvitation();
  const [invited, setInvited] = useState<string | null>(null);
  const [toRevoke, setToRevoke] = useState<Invitation | null>(null);

  return (
    <>
      <PageHeader title={t('invitations.title')} description={t('invitations.description')} />
      <Card title={t('invitations.form.title')}>
        {invited && (
          <SuccessAlert>
            <p>{t('invitations.form.sent', { email: invited })}</p>
          </SuccessAlert>
        )}
        <InviteForm onInvited={setInvited} />
      </Card>
      <Card title={t('invitations.list.title')}>
        {invitations.isPending && <Spinner />}
        <ErrorAlert error={invitations.error} />
        {invitations.data &&
          (invitations.data.results.length === 0 ? (
            <EmptyState>{t('invitations.list.empty')}</EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">{t('invitations.list.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('fields.name')}</th>
                    <th scope="col">{t('fields.role')}</th>
                    <th scope="col">{t('invitations.list.status')}</th>
                    <th scope="col">{t('invitations.list.invitedBy')}</th>
                    <th scope="col">{t('invitations.list.expires')}</th>
                    <th scope="col">{t('invitations.list.emailSent')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('common.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {invitations.data.results.map((invitation) => (
                    <InvitationRow key={invitation.id} invitation={invitation} onRevoke={setToRevoke} />
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        {invitations.data && (
          <Pagination page={page} pageSize={DEFAULT_PAGE_SIZE} count={invitations.data.count} onPageChange={setPage} />
        )}
      </Card>
      {toRevoke && (
        <ConfirmDialog
          title={t('invitations.revokeTitle', { email: toRevoke.email })}
          confirmLabel={t('invitations.revoke')}
          isPending={revoke.isPending}
          error={revoke.error}
          onCancel={() => {
            revoke.reset();
            setToRevoke(null);
          }}
          onConfirm={() => revoke.mutate(toRevoke.id, { onSuccess: () => setToRevoke(null) })}
        >
          <p>{t('invitations.revokeText')}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
