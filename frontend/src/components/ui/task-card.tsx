import type { ReactNode } from 'react';
import { Link } from 'react-router';

import { ErrorAlert } from '@/components/ui/error-alert';
import { Spinner } from '@/components/ui/spinner';

/**
 * One "what now?" card of a start page: a title, how many things wait (the number says it at a glance),
 * the first few of them, and one link to where they are handled.
 */
export function TaskCard({
  title,
  count,
  countLabel,
  isPending = false,
  error = null,
  children,
  to,
  linkLabel,
  tone = 'neutral',
  testId,
}: {
  title: string;
  count?: number;
  /** Read out with the number ("3 waiting"); also shown under it. */
  countLabel?: string;
  isPending?: boolean;
  error?: unknown;
  children?: ReactNode;
  to: string;
  linkLabel: string;
  tone?: 'neutral' | 'attention' | 'ok';
  testId?: string;
}) {
  return (
    <section className={`card task-card task-card--${tone}`} aria-busy={isPending || undefined} data-testid={testId}>
      <div className="task-card__head">
        <h3 className="card__title task-card__title">{title}</h3>
        {count !== undefined && (
          <p className="task-card__count">
            <span className="task-card__number">{count}</span>
            {countLabel && <span className="task-card__count-label">{countLabel}</span>}
          </p>
        )}
      </div>
      {isPending && <Spinner />}
      <ErrorAlert error={error} />
      {children}
      <Link className="task-card__link" to={to}>
        {linkLabel}
      </Link>
    </section>
  );
}
