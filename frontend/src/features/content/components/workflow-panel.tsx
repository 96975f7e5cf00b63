import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { fieldErrors } from '@/components/ui/error-message';
import { formatDateTime } from '@/components/ui/format';
import { SelectField } from '@/components/ui/form';
import { Card } from '@/components/ui/page';
import { TextAreaField } from '@/components/ui/textarea';
import {
  useAddComment,
  useComments,
  useContentSettings,
  useHistory,
  useReviewers,
  useTransition,
  type ContentItem,
  type TransitionAction,
} from '@/features/content/api/content';
import { useCurrentUser } from '@/lib/auth';

/** Which moves each status allows (the server enforces the same table). */
const ACTIONS: Record<ContentItem['status'], TransitionAction[]> = {
  draft: ['submit', 'archive'],
  in_review: ['approve', 'request_changes', 'archive'],
  published: ['archive'],
  archived: ['reopen'],
};

export function WorkflowPanel({ item }: { item: ContentItem }) {
  const { t } = useTranslation();
  const transition = useTransition(item.id);
  const comments = useComments(item.id);
  const history = useHistory(item.id);
  const addComment = useAddComment(item.id);
  const me = useCurrentUser();
  const settings = useContentSettings();
  const reviewers = useReviewers(item.id, item.status === 'draft');
  const [comment, setComment] = useState('');
  const [reviewer, setReviewer] = useState('');
  // Four-eyes rule: the author does not approve their own item unless an admin allowed it.
  const ownItem = item.created_by?.id === me.id;
  const mayApprove = !ownItem || settings.data?.allow_self_approval === true;
  const actions = ACTIONS[item.status].filter((action) => action !== 'approve' || mayApprove);

  function move(action: TransitionAction) {
    const body = action === 'submit' ? { action, comment, reviewer: reviewer ? Number(reviewer) : null } : { action, comment };
    transition.mutate(body, { onSuccess: () => setComment('') });
  }

  function handleComment(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (comment.trim()) addComment.mutate(comment.trim(), { onSuccess: () => setComment('') });
  }

  return (
    <>
      <Card title={t('content.workflow.title')}>
        <form className="form" onSubmit={handleComment}>
          <TextAreaField
            label={t('content.workflow.comment')}
            hint={t('content.workflow.commentHint')}
            rows={3}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
          />
          {item.status === 'draft' && (
            <SelectField
              label={t('content.workflow.reviewer')}
              hint={t('content.workflow.reviewerHint')}
              value={reviewer}
              onChange={(event) => setReviewer(event.target.value)}
              errors={fieldErrors(transition.error, 'reviewer')}
              options={[
                { value: '', label: t('content.workflow.anyReviewer') },
                ...(reviewers.data ?? []).map((person) => ({
                  value: String(person.id),
                  label: `${person.name} (${t(`roles.${person.role as 'manager'}`)})`,
                })),
              ]}
            />
          )}
          {item.status === 'in_review' && item.reviewer && (
            <p className="muted">{t('content.workflow.assignedTo', { name: item.reviewer.full_name })}</p>
          )}
          {item.status === 'in_review' && !mayApprove && (
            <p className="alert alert--warning" role="note">
              {t('content.workflow.fourEyes')}
            </p>
          )}
          <div className="form__actions">
            {actions.map((action) => (
              <Button
                key={action}
                variant={action === 'archive' ? 'secondary' : 'primary'}
                isPending={transition.isPending && transition.variables.action === action}
                onClick={() => move(action)}
              >
                {t(`content.workflow.actions.${action}`)}
              </Button>
            ))}
            <Button type="submit" variant="secondary" disabled={!comment.trim()} isPending={addComment.isPending}>
              {t('content.workflow.addComment')}
            </Button>
          </div>
          <ErrorAlert error={transition.error ?? addComment.error} />
        </form>
        <h3>{t('content.workflow.comments')}</h3>
        {comments.data?.length === 0 && <p className="muted">{t('content.workflow.noComments')}</p>}
        <ul className="comment-list">
          {comments.data?.map((entry) => (
            <li key={entry.id}>
              <strong>{entry.author?.full_name ?? t('content.workflow.someone')}</strong>{' '}
              <span className="muted">{formatDateTime(entry.created_at)}</span>
              <p>{entry.body}</p>
            </li>
          ))}
        </ul>
      </Card>
      <Card title={t('content.workflow.history')}>
        <ol className="history-list">
          {history.data?.map((event) => (
            <li key={event.id}>
              <span className="muted">{formatDateTime(event.created_at)}</span> {event.actor_label}:{' '}
              {t(`content.history.${event.action.replace('content.', '').replace(/\./g, '_')}`, {
                defaultValue: event.action,
              })}
            </li>
          ))}
        </ol>
      </Card>
    </>
  );
}
