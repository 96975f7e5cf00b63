import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { fieldErrors } from '@/components/ui/error-message';
import { formatDateTime } from '@/components/ui/format';
import { FormError, SelectField, TextField } from '@/components/ui/form';
import { Card, PageHeader } from '@/components/ui/page';
import { Spinner } from '@/components/ui/spinner';
import {
  type PrivacyLookup,
  type RetentionRule,
  useEraseUser,
  useEraseVisitor,
  useLegalHold,
  useLookup,
  useOrganisationPrivacy,
  useRetentionRules,
  useUpdateOrganisationPrivacy,
  useUpdateRetention,
  useVisitorExport,
  userExportUrl,
} from '@/features/privacy-admin/api/privacy-admin';
import { useDocumentTitle } from '@/lib/use-document-title';

type Person = NonNullable<PrivacyLookup['person']>;

/** Erasure asks for the address once more, then for a confirmation in a dialog. */
function EraseForm({
  email,
  label,
  isPending,
  error,
  onErase,
}: {
  email: string;
  label: string;
  isPending: boolean;
  error: unknown;
  onErase: (confirmEmail: string, done: () => void) => void;
}) {
  const { t } = useTranslation();
  const [confirmEmail, setConfirmEmail] = useState('');
  const [asking, setAsking] = useState(false);
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setAsking(true);
      }}
    >
      <TextField
        label={t('privacyAdmin.confirmLabel', { email })}
        type="email"
        autoComplete="off"
        value={confirmEmail}
        onChange={(event) => setConfirmEmail(event.target.value)}
        errors={fieldErrors(error, 'confirm_email')}
      />
      <Button type="submit" variant="danger" disabled={!confirmEmail.trim()}>
        {label}
      </Button>
      {asking && (
        <ConfirmDialog
          title={t('privacyAdmin.confirmTitle')}
          confirmLabel={t('privacyAdmin.confirm')}
          isPending={isPending}
          error={error}
          onCancel={() => setAsking(false)}
          onConfirm={() => onErase(confirmEmail.trim(), () => setAsking(false))}
        >
          {t('privacyAdmin.confirmText')}
        </ConfirmDialog>
      )}
    </form>
  );
}

function PersonPanel({ person, onChanged }: { person: Person; onChanged: () => void }) {
  const { t } = useTranslation();
  const erase = useEraseUser();
  const hold = useLegalHold();
  const [reason, setReason] = useState(person.legal_hold ?? '');
  const erased = person.email.endsWith('@erased.invalid');
  return (
    <section aria-label={t('privacyAdmin.person.title')}>
      <h3>{person.name || person.email}</h3>
      <dl className="facts">
        <dt>{t('fields.email')}</dt>
        <dd>{person.email}</dd>
        <dt>{t('common.status')}</dt>
        <dd>
          {person.is_active
            ? t('privacyAdmin.person.active')
            : t('privacyAdmin.person.inactive', {
                since: person.deactivated_at ? formatDateTime(person.deactivated_at) : '–',
              })}
        </dd>
        <dt>{t('privacyAdmin.hold.title')}</dt>
        <dd>{person.legal_hold ?? t('privacyAdmin.hold.none')}</dd>
      </dl>
      <a className="button button--secondary" href={userExportUrl(person.id)} download>
        {t('privacyAdmin.person.export')}
      </a>
      <form
        className="form"
        noValidate
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          hold.mutate({ id: person.id, reason: reason.trim() }, { onSuccess: onChanged });
        }}
      >
        <FormError error={hold.error} />
        <TextField
          label={t('privacyAdmin.hold.reason')}
          hint={t('privacyAdmin.hold.hint')}
          value={reason}
          maxLength={300}
          onChange={(event) => setReason(event.target.value)}
        />
        <Button type="submit" variant="secondary" disabled={hold.isPending}>
          {t('privacyAdmin.hold.save')}
        </Button>
      </form>
      {erased ? (
        <p>{t('privacyAdmin.person.erased')}</p>
      ) : (
        <EraseForm
          email={person.email}
          label={t('privacyAdmin.person.erase')}
          isPending={erase.isPending}
          error={erase.error}
          onErase={(confirmEmail, done) =>
            erase.mutate({ id: person.id, confirmEmail }, { onSuccess: onChanged, onSettled: done })
          }
        />
      )}
    </section>
  );
}

function VisitorPanel({ email, count, onChanged }: { email: string; count: number; onChanged: () => void }) {
  const { t } = useTranslation();
  const exportData = useVisitorExport();
  const erase = useEraseVisitor();
  return (
    <section aria-label={t('privacyAdmin.visitor.title')}>
      <h3>{t('privacyAdmin.visitor.title')}</h3>
      <p>{t('privacyAdmin.visitor.count', { count })}</p>
      <ErrorAlert error={exportData.error} />
      <Button variant="secondary" disabled={exportData.isPending} onClick={() => exportData.mutate(email)}>
        {t('privacyAdmin.visitor.export')}
      </Button>
      <EraseForm
        email={email}
        label={t('privacyAdmin.visitor.erase')}
        isPending={erase.isPending}
        error={erase.error}
        onErase={(confirmEmail, done) => erase.mutate({ email, confirmEmail }, { onSuccess: onChanged, onSettled: done })}
      />
    </section>
  );
}

function Requests() {
  const { t } = useTranslation();
  const lookup = useLookup();
  const [email, setEmail] = useState('');
  const [searched, setSearched] = useState('');
  const search = (address: string) => {
    setSearched(address);
    lookup.mutate(address);
  };
  const result = lookup.data;
  return (
    <>
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          search(email.trim());
        }}
      >
        <TextField
          label={t('privacyAdmin.lookup.label')}
          hint={t('privacyAdmin.lookup.hint')}
          type="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          errors={fieldErrors(lookup.error, 'email')}
        />
        <Button type="submit" disabled={!email.trim() || lookup.isPending}>
          {t('privacyAdmin.lookup.submit')}
        </Button>
      </form>
      {result && !result.person && result.contact_requests === 0 && <p>{t('privacyAdmin.lookup.nothing')}</p>}
      {result?.person && <PersonPanel key={result.person.id} person={result.person} onChanged={() => search(searched)} />}
      {result && result.contact_requests > 0 && (
        <VisitorPanel email={searched} count={result.contact_requests} onChanged={() => search(searched)} />
      )}
    </>
  );
}

function Retention() {
  const { t } = useTranslation();
  const rules = useRetentionRules();
  const update = useUpdateRetention();
  const [edited, setEdited] = useState<Record<string, string>>({});
  if (rules.isPending) return <Spinner />;
  const value = (rule: RetentionRule) => edited[rule.name] ?? String(rule.days);
  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const periods = Object.fromEntries(
      Object.entries(edited).map(([name, days]) => [name, days.trim() === '' ? null : Number(days)]),
    );
    update.mutate({ periods }, { onSuccess: () => setEdited({}) });
  };
  return (
    <form className="form" noValidate onSubmit={save}>
      <ErrorAlert error={rules.error} />
      <FormError error={update.error} />
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t('privacyAdmin.retention.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('privacyAdmin.retention.rule')}</th>
              <th scope="col">{t('privacyAdmin.retention.days')}</th>
              <th scope="col">{t('privacyAdmin.retention.default')}</th>
            </tr>
          </thead>
          <tbody>
            {rules.data?.map((rule) => (
              <tr key={rule.name}>
                <th scope="row">{t(`privacyAdmin.retention.rules.${rule.name}`, { defaultValue: rule.name })}</th>
                <td>
                  <TextField
                    label={t('privacyAdmin.retention.daysFor', {
                      rule: t(`privacyAdmin.retention.rules.${rule.name}`, { defaultValue: rule.name }),
                    })}
                    type="number"
                    min={rule.minimum}
                    value={value(rule)}
                    onChange={(event) => setEdited({ ...edited, [rule.name]: event.target.value })}
                    errors={fieldErrors(update.error, rule.name)}
                  />
                </td>
                <td>
                  {rule.default_days}
                  {rule.customised && (
                    <Button variant="secondary" onClick={() => setEdited({ ...edited, [rule.name]: '' })}>
                      {t('privacyAdmin.retention.reset')}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Button type="submit" disabled={update.isPending || Object.keys(edited).length === 0}>
        {t('common.save')}
      </Button>
    </form>
  );
}

/** Works-council mode: on, off, or the environment's default (which the option names). */
function WorksCouncil() {
  const { t } = useTranslation();
  const current = useOrganisationPrivacy();
  const update = useUpdateOrganisationPrivacy();
  if (current.isPending) return <Spinner />;
  if (!current.data) return <ErrorAlert error={current.error} />;
  const { works_council_mode_choice: choice, works_council_mode_default: fallback } = current.data;
  const value = choice === null ? 'default' : choice ? 'on' : 'off';
  const choose = (next: string) =>
    update.mutate({ works_council_mode_choice: next === 'default' ? null : next === 'on' });
  return (
    <div className="form">
      <FormError error={update.error} />
      <SelectField
        label={t('privacyAdmin.worksCouncil.label')}
        hint={t('privacyAdmin.worksCouncil.hint', { count: current.data.min_group_size })}
        value={value}
        disabled={update.isPending}
        onChange={(event) => choose(event.target.value)}
        options={[
          {
            value: 'default',
            label: t('privacyAdmin.worksCouncil.default', {
              state: t(fallback ? 'privacyAdmin.worksCouncil.on' : 'privacyAdmin.worksCouncil.off'),
            }),
          },
          { value: 'on', label: t('privacyAdmin.worksCouncil.on') },
          { value: 'off', label: t('privacyAdmin.worksCouncil.off') },
        ]}
      />
      <p role="status">
        {t(current.data.works_council_mode ? 'privacyAdmin.worksCouncil.nowOn' : 'privacyAdmin.worksCouncil.nowOff')}
      </p>
    </div>
  );
}

export function PrivacyAdminPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('privacyAdmin.title'));
  return (
    <>
      <PageHeader title={t('privacyAdmin.title')} description={t('privacyAdmin.description')} />
      <Card title={t('privacyAdmin.lookup.title')}>
        <Requests />
      </Card>
      <Card title={t('privacyAdmin.worksCouncil.title')}>
        <p>{t('privacyAdmin.worksCouncil.text')}</p>
        <WorksCouncil />
      </Card>
      <Card title={t('privacyAdmin.retention.title')}>
        <p>{t('privacyAdmin.retention.text')}</p>
        <Retention />
      </Card>
    </>
  );
}
