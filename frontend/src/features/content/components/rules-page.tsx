import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { fieldErrors } from '@/components/ui/error-message';
import { FormError, SelectField, TextField } from '@/components/ui/form';
import { Card, EmptyState, PageHeader } from '@/components/ui/page';
import { Spinner } from '@/components/ui/spinner';
import { TextAreaField } from '@/components/ui/textarea';
import {
  useCheckText,
  useCreateRule,
  useDeleteRule,
  useRules,
  useUpdateRule,
  type Rule,
  type RuleInput,
} from '@/features/content/api/content';
import { ContentNav } from '@/features/content/components/content-nav';
import { useDocumentTitle } from '@/lib/use-document-title';

const KINDS: RuleInput['kind'][] = ['word', 'phrase', 'pattern'];
const ACTIONS: RuleInput['action'][] = ['block', 'warn'];

function RuleRow({ rule }: { rule: Rule }) {
  const { t } = useTranslation();
  const update = useUpdateRule();
  const remove = useDeleteRule();
  return (
    <tr>
      <th scope="row">
        <span className="table__primary">{rule.name}</span>
        {rule.description && <span className="table__secondary">{rule.description}</span>}
      </th>
      <td>{t(`content.rules.kinds.${rule.kind}`)}</td>
      <td>
        <code>{rule.value}</code>
      </td>
      <td>
        <span className={`badge badge--rule-${rule.action}`}>{t(`content.rules.actions.${rule.action}`)}</span>
      </td>
      <td className="table__actions">
        <label className="checkbox">
          <input type="checkbox" checked={rule.is_active} onChange={(e) => update.mutate({ id: rule.id, is_active: e.target.checked })} />
          {t('content.rules.active')}
        </label>
        <Button size="small" variant="danger" isPending={remove.isPending} onClick={() => remove.mutate(rule.id)} aria-label={t('content.rules.deleteFor', { name: rule.name })}>
          {t('common.delete')}
        </Button>
        <ErrorAlert error={update.error ?? remove.error} />
      </td>
    </tr>
  );
}

function RuleTester() {
  const { t } = useTranslation();
  const check = useCheckText();
  const [text, setText] = useState('');
  return (
    <form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        check.mutate({ text });
      }}
    >
      <TextAreaField label={t('content.rules.testText')} rows={4} value={text} onChange={(e) => setText(e.target.value)} />
      <div className="form__actions">
        <Button type="submit" variant="secondary" isPending={check.isPending} disabled={!text.trim()}>
          {t('content.rules.test')}
        </Button>
      </div>
      <ErrorAlert error={check.error} />
      {check.data && (
        <div className={`alert ${check.data.blocked ? 'alert--error' : check.data.matches.length ? 'alert--warning' : 'alert--success'}`} role="status">
          <p>{check.data.blocked ? t('content.rules.resultBlocked') : check.data.matches.length ? t('content.rules.resultWarn') : t('content.rules.resultOk')}</p>
          <ul>
            {check.data.matches.map((match) => (
              <li key={`${match.rule_id}-${match.start}`}>
                {t(match.action === 'block' ? 'content.rules.blockedBy' : 'content.rules.warnedBy', { name: match.name, text: match.matched_text })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}

export function RulesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('content.rules.title'));
  const rules = useRules();
  const create = useCreateRule();
  const [draft, setDraft] = useState<RuleInput>({ name: '', kind: 'word', value: '', action: 'warn', description: '' });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(draft, { onSuccess: () => setDraft({ name: '', kind: 'word', value: '', action: 'warn', description: '' }) });
  }

  return (
    <>
      <PageHeader title={t('content.rules.title')} description={t('content.rules.description')} />
      <ContentNav />
      <Card title={t('content.rules.add')}>
        <form className="form" onSubmit={handleSubmit} noValidate>
          <FormError error={create.error} />
          <div className="form__row">
            <TextField label={t('content.rules.name')} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} errors={fieldErrors(create.error, 'name')} />
            <SelectField label={t('content.rules.kind')} value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as RuleInput['kind'] })} options={KINDS.map((value) => ({ value, label: t(`content.rules.kinds.${value}`) }))} />
            <SelectField label={t('content.rules.action')} value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value as RuleInput['action'] })} options={ACTIONS.map((value) => ({ value, label: t(`content.rules.actions.${value}`) }))} />
          </div>
          <TextField label={t('content.rules.value')} hint={t('content.rules.valueHint')} value={draft.value} onChange={(e) => setDraft({ ...draft, value: e.target.value })} errors={fieldErrors(create.error, 'value')} />
          <TextField label={t('content.rules.explanation')} value={draft.description ?? ''} onChange={(e) => setDraft({ ...draft, description: e.target.value })} />
          <div className="form__actions">
            <Button type="submit" isPending={create.isPending} disabled={!draft.name.trim() || !draft.value.trim()}>
              {t('content.rules.add')}
            </Button>
          </div>
        </form>
      </Card>
      <Card title={t('content.rules.list')}>
        <ErrorAlert error={rules.error} />
        {rules.isPending && <Spinner />}
        {rules.data?.length === 0 && <EmptyState>{t('content.rules.empty')}</EmptyState>}
        {rules.data && rules.data.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('content.rules.list')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('content.rules.name')}</th>
                  <th scope="col">{t('content.rules.kind')}</th>
                  <th scope="col">{t('content.rules.value')}</th>
                  <th scope="col">{t('content.rules.action')}</th>
                  <th scope="col">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {rules.data.map((rule) => (
                  <RuleRow key={rule.id} rule={rule} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Card title={t('content.rules.tester')}>
        <RuleTester />
      </Card>
    </>
  );
}
