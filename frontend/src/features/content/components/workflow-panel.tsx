import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { formatDateTime } from '@/components/ui/format';
import { Card } from '@/components/ui/page';
import { TextAreaField } from '@/components/ui/textarea';
import {
  useAddComment,
  useComments,
  useHistory,
  useTransition,
  type ContentItem,
  type TransitionAction,
} from '@/features/content/api/content';

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
  const [comment, setComment] = useState('');

  function move(action: TransitionAction) {
    transition.mutate({ action, comment }, { onSuccess: () => setComment('') });
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
          <div className="form__actions">
            {ACTIONS[item.status].map((action) => (
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
