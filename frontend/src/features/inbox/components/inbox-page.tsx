import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { Combobox } from '@/components/ui/combobox';
import { ErrorAlert, SuccessAlert } from '@/components/ui/error-alert';
import { fieldErrors } from '@/components/ui/error-message';
import { formatDateTime } from '@/components/ui/format';
import { FormError, SelectField } from '@/components/ui/form';
import { Card, EmptyState, PageHeader } from '@/components/ui/page';
import { Pagination } from '@/components/ui/pagination';
import { Spinner } from '@/components/ui/spinner';
import { TextAreaField } from '@/components/ui/textarea';
import { DEFAULT_PAGE_SIZE } from '@/config/constants';
import {
  useAnswerRequest,
  useAssignRequest,
  useCloseRequest,
  useExpertSuggestions,
  useInbox,
  useTriage,
  type ContactRequest,
  type ContactStatus,
  type InboxQuery,
} from '@/features/inbox/api/contact-requests';
import { useCurrentUser } from '@/lib/auth';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { useDocumentTitle } from '@/lib/use-document-title';

const STATUSES = ['new', 'answered', 'closed'] as const satisfies readonly ContactStatus[];
type Tab = 'inbox' | 'triage';

function StatusBadge({ status }: { status: ContactStatus }) {
  const { t } = useTranslation();
  const tone = status === 'new' ? 'badge--pending' : status === 'answered' ? 'badge--ok' : 'badge--muted';
  return <span className={`badge ${tone}`}>{t(`inbox.status.${status}`)}</span>;
}

function RequestDetail({ item, onClose }: { item: ContactRequest; onClose: () => void }) {
  const { t } = useTranslation();
  const answer = useAnswerRequest();
  const close = useCloseRequest();
  const [reply, setReply] = useState('');

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reply.trim()) answer.mutate({ id: item.id, reply: reply.trim() }, { onSuccess: () => setReply('') });
  }

  return (
    <section className="card request-detail" aria-labelledby="request-detail-heading">
      <h2 id="request-detail-heading">{t('inbox.detail.title', { name: item.name })}</h2>
      <dl className="facts">
        <div>
          <dt>{t('inbox.fields.email')}</dt>
          <dd>
            <a href={`mailto:${item.email}`}>{item.email}</a>
          </dd>
        </div>
        {item.organisation && (
          <div>
            <dt>{t('inbox.fields.organisation')}</dt>
            <dd>{item.organisation}</dd>
          </div>
        )}
        <div>
          <dt>{t('inbox.fields.topic')}</dt>
          <dd>{t(`contact.topics.${item.topic}`)}</dd>
        </div>
        <div>
          <dt>{t('inbox.fields.received')}</dt>
          <dd>{formatDateTime(item.created_at)}</dd>
        </div>
        <div>
          <dt>{t('common.status')}</dt>
          <dd>
            <StatusBadge status={item.status} />
          </dd>
        </div>
      </dl>
      <h3>{t('inbox.fields.message')}</h3>
      <p className="request-detail__message">{item.message}</p>
      {answer.isSuccess && <SuccessAlert>{t('inbox.detail.answered')}</SuccessAlert>}
      {close.isSuccess && <SuccessAlert>{t('inbox.detail.closed')}</SuccessAlert>}
      {item.status !== 'closed' && (
        <form className="form" onSubmit={handleSubmit} noValidate aria-label={t('inbox.detail.answerLabel')}>
          <FormError error={answer.error} />
          <TextAreaField label={t('inbox.detail.reply')} name="reply" rows={6} value={reply} hint={t('inbox.detail.replyHint', { email: item.email })} onChange={(event) => setReply(event.target.value)} errors={fieldErrors(answer.error, 'reply')} />
          <div className="form__actions">
            <Button type="submit" isPending={answer.isPending} disabled={!reply.trim()}>
              {t('inbox.detail.send')}
            </Button>
            <Button variant="secondary" isPending={close.isPending} onClick={() => close.mutate(item.id)}>
              {t('inbox.detail.close')}
            </Button>
          </div>
          <ErrorAlert error={close.error} />
        </form>
      )}
      <Button variant="link" onClick={onClose}>
        {t('inbox.detail.back')}
      </Button>
    </section>
  );
}

function RequestList({
  items,
  onOpen,
  showExpert,
}: {
  items: ContactRequest[];
  onOpen: (item: ContactRequest) => void;
  showExpert: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{t('inbox.list.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('inbox.fields.from')}</th>
            <th scope="col">{t('inbox.fields.topic')}</th>
            {showExpert && <th scope="col">{t('inbox.fields.expert')}</th>}
            <th scope="col">{t('inbox.fields.received')}</th>
            <th scope="col">{t('common.status')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <th scope="row">
                <span className="table__primary">{item.name}</span>
                <span className="table__secondary">{item.organisation || item.email}</span>
              </th>
              <td>{t(`contact.topics.${item.topic}`)}</td>
              {showExpert && <td>{(item.assigned_to ?? item.expert).name}</td>}
              <td>{formatDateTime(item.created_at)}</td>
              <td>
                <StatusBadge status={item.status} />
              </td>
              <td className="table__actions">
                <Button variant="secondary" size="small" onClick={() => onOpen(item)} aria-label={t('inbox.list.openFor', { name: item.name })}>
                  {t('inbox.list.open')}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AssignForm({ item }: { item: ContactRequest }) {
  const { t } = useTranslation();
  const assign = useAssignRequest();
  const [text, setText] = useState('');
  const [expert, setExpert] = useState<{ slug: string; name: string } | null>(null);
  const debounced = useDebouncedValue(text.trim(), 250);
  const suggestions = useExpertSuggestions(debounced);

  return (
    <div className="assign-form">
      <Combobox
        label={t('inbox.triage.expertFor', { name: item.name })}
        value={text}
        onValueChange={(value) => {
          setText(value);
          setExpert(null);
        }}
        options={(suggestions.data?.experts ?? []).map((option) => ({ id: option.slug, label: option.name, description: option.headline }))}
        onSelect={(option) => {
          setText(option.label);
          setExpert({ slug: option.id, name: option.label });
        }}
      />
      <Button size="small" disabled={!expert} isPending={assign.isPending} onClick={() => expert && assign.mutate({ id: item.id, expert: expert.slug })}>
        {t('inbox.triage.assign')}
      </Button>
      <ErrorAlert error={assign.error} />
      {assign.isSuccess && expert && <SuccessAlert>{t('inbox.triage.assigned', { name: expert.name })}</SuccessAlert>}
    </div>
  );
}

function RequestsPanel({ tab }: { tab: Tab }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<ContactStatus | ''>(tab === 'triage' ? 'new' : '');
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const query: InboxQuery = { page, page_size: DEFAULT_PAGE_SIZE, ...(status && { status }) };
  const inbox = useInbox(query, tab === 'inbox');
  const triage = useTriage(query, tab === 'triage');
  const list = tab === 'triage' ? triage : inbox;
  const open = list.data?.results.find((item) => item.id === openId);

  if (open && tab === 'inbox') return <RequestDetail item={open} onClose={() => setOpenId(null)} />;

  return (
    <>
      <form className="filters" onSubmit={(event) => event.preventDefault()} aria-label={t('inbox.list.filters')}>
        <SelectField
          label={t('inbox.list.statusFilter')}
          value={status}
          onChange={(event) => {
            setStatus(event.target.value as ContactStatus | '');
            setPage(1);
          }}
          options={[{ value: '', label: t('common.all') }, ...STATUSES.map((value) => ({ value, label: t(`inbox.status.${value}`) }))]}
        />
      </form>
      {list.isPending && <Spinner />}
      <ErrorAlert error={list.error} />
      {list.data &&
        (list.data.results.length === 0 ? (
          <EmptyState>{t(tab === 'triage' ? 'inbox.triage.empty' : 'inbox.list.empty')}</EmptyState>
        ) : tab === 'triage' ? (
          <ul className="triage-list">
            {list.data.results.map((item) => (
              <li key={item.id} className="card">
                <h3>
                  {item.name}
                  {item.organisation && <span className="muted"> · {item.organisation}</span>}
                </h3>
                <p className="muted">
                  {formatDateTime(item.created_at)} · <StatusBadge status={item.status} /> · {(item.assigned_to ?? item.expert).name}
                </p>
                <p>{item.message}</p>
                <AssignForm item={item} />
              </li>
            ))}
          </ul>
        ) : (
          <RequestList items={list.data.results} onOpen={(item) => setOpenId(item.id)} showExpert={false} />
        ))}
      {list.data && <Pagination page={page} pageSize={DEFAULT_PAGE_SIZE} count={list.data.count} onPageChange={setPage} />}
    </>
  );
}

export function InboxPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('inbox.title'));
  const user = useCurrentUser();
  const canTriage = user.role === 'manager' || user.role === 'admin';
  const tabs: Tab[] = canTriage ? ['inbox', 'triage'] : ['inbox'];
  const [tab, setTab] = useState<Tab>('inbox');
  const id = useId();
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});

  function handleKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const index = tabs.indexOf(tab);
    const next = tabs[(index + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length] ?? 'inbox';
    setTab(next);
    tabRefs.current[next]?.focus();
  }

  return (
    <>
      <PageHeader title={t('inbox.title')} description={t('inbox.description')} />
      <Card>
        {tabs.length > 1 && (
          <div className="tabs" role="tablist" aria-label={t('inbox.title')} onKeyDown={handleKeyDown}>
            {tabs.map((value) => (
              <button
                key={value}
                ref={(element) => {
                  tabRefs.current[value] = element;
                }}
                type="button"
                role="tab"
                id={`${id}-tab-${value}`}
                aria-selected={tab === value}
                aria-controls={`${id}-panel`}
                tabIndex={tab === value ? 0 : -1}
                className={`tabs__tab${tab === value ? ' tabs__tab--active' : ''}`}
                onClick={() => setTab(value)}
              >
                {t(`inbox.tabs.${value}`)}
              </button>
            ))}
          </div>
        )}
        <div id={`${id}-panel`} role={tabs.length > 1 ? 'tabpanel' : undefined} aria-labelledby={tabs.length > 1 ? `${id}-tab-${tab}` : undefined}>
          <RequestsPanel key={tab} tab={tab} />
        </div>
      </Card>
    </>
  );
}
