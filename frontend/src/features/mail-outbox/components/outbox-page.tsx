import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { formatDateTime } from '@/components/ui/format';
import { SelectField } from '@/components/ui/form';
import { Card, EmptyState, PageHeader } from '@/components/ui/page';
import { Pagination } from '@/components/ui/pagination';
import { Spinner } from '@/components/ui/spinner';
import {
  OUTBOX_STATUSES,
  useOutboxMails,
  useResendOutboxMail,
  type OutboxMail,
  type OutboxStatus,
} from '@/features/mail-outbox/api/mail-outbox';
import { useDocumentTitle } from '@/lib/use-document-title';

const BADGE: Record<OutboxStatus, string> = { failed: 'error', pending: 'pending', sending: 'pending', sent: 'ok' };

function OutboxRow({ mail }: { mail: OutboxMail }) {
  const { t } = useTranslation();
  const resend = useResendOutboxMail();
  const canResend = mail.status === 'failed' || mail.status === 'pending';
  return (
    <tr>
      <td>{formatDateTime(mail.created_at)}</td>
      <th scope="row">
        <span className="table__primary">{mail.to}</span>
        <span className="table__secondary">{mail.subject}</span>
      </th>
      <td>{t(`outbox.kinds.${mail.template}`, { defaultValue: mail.template })}</td>
      <td>
        <span className={`badge badge--${BADGE[mail.status]}`}>{t(`outbox.status.${mail.status}`)}</span>
      </td>
      <td>{mail.attempts}</td>
      <td>
        {mail.status === 'sent' && mail.sent_at
          ? formatDateTime(mail.sent_at)
          : mail.status === 'pending'
            ? t('outbox.nextAttempt', { when: formatDateTime(mail.next_attempt_at) })
            : '–'}
        {mail.last_error && mail.status !== 'sent' && <span className="table__secondary">{mail.last_error}</span>}
      </td>
      <td className="table__actions">
        {canResend && (
          <Button
            variant="secondary"
            size="small"
            isPending={resend.isPending}
            onClick={() => resend.mutate(mail.id)}
            aria-label={t('outbox.resendFor', { to: mail.to })}
          >
            {t('outbox.resend')}
          </Button>
        )}
        {resend.isSuccess && (
          <span className="inline-status" role="status">
            {t('outbox.resent')}
          </span>
        )}
        {resend.isError && <ErrorAlert error={resend.error} />}
      </td>
    </tr>
  );
}

export function OutboxPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('outbox.title'));
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<OutboxStatus | ''>('');
  const mails = useOutboxMails({ page, status: status || undefined });

  return (
    <>
      <PageHeader title={t('outbox.title')} description={t('outbox.description')} />
      <Card>
        <SelectField
          label={t('outbox.filter')}
          value={status}
          onChange={(event) => {
            setStatus(event.target.value as OutboxStatus | '');
            setPage(1);
          }}
          options={[
            { value: '', label: t('outbox.all') },
            ...OUTBOX_STATUSES.map((value) => ({ value, label: t(`outbox.status.${value}`) })),
          ]}
        />
        <ErrorAlert error={mails.error} />
        {mails.isPending && <Spinner />}
        {mails.data && mails.data.results.length === 0 && <EmptyState>{t('outbox.empty')}</EmptyState>}
        {mails.data && mails.data.results.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('outbox.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('outbox.fields.created')}</th>
                  <th scope="col">{t('outbox.fields.to')}</th>
                  <th scope="col">{t('outbox.fields.kind')}</th>
                  <th scope="col">{t('outbox.fields.status')}</th>
                  <th scope="col">{t('outbox.fields.attempts')}</th>
                  <th scope="col">{t('outbox.fields.delivery')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('outbox.fields.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {mails.data.results.map((mail) => (
                  <OutboxRow key={mail.id} mail={mail} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {mails.data && <Pagination page={page} count={mails.data.count} pageSize={25} onPageChange={setPage} />}
      </Card>
    </>
  );
}
