import { useId } from 'react';
import { useTranslation } from 'react-i18next';

import { NETWORK_NAMES, useTextCheck, type Network } from '@/features/content/api/content';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import '@/features/content/components/content.css';

/** A share text with a live length counter and the confidentiality rules it matches. */
export function ShareTextField({
  network,
  limit,
  value,
  onChange,
  errors = [],
}: {
  network: Network;
  limit: number | undefined;
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
}) {
  const { t } = useTranslation();
  const id = useId();
  const debounced = useDebouncedValue(value, 400);
  const check = useTextCheck(debounced, network);
  // Code points, as the server counts (a string's .length counts UTF-16 units).
  const length = Array.from(value).length;
  const over = limit !== undefined && length > limit;
  const matches = value.trim() ? (check.data?.matches ?? []) : [];
  const invalid = over || errors.length > 0 || matches.some((match) => match.action === 'block');
  return (
    <div className={`field share-text${invalid ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {NETWORK_NAMES[network]}
      </label>
      <textarea
        id={id}
        className="input"
        rows={network === 'x' || network === 'mastodon' || network === 'xing' ? 3 : 5}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={`${id}-counter ${id}-rules`}
      />
      <p id={`${id}-counter`} className={`field__hint${over ? ' share-text__counter--over' : ''}`} aria-live="polite">
        {limit === undefined ? t('content.editor.characters', { count: length }) : t('content.editor.counter', { length, limit })}
      </p>
      <ul id={`${id}-rules`} className="field__errors" aria-live="polite">
        {errors.map((message) => (
          <li key={message}>{message}</li>
        ))}
        {matches.map((match) => (
          <li key={`${match.rule_id}-${match.start}`} className={`rule-match rule-match--${match.action}`}>
            {t(match.action === 'block' ? 'content.rules.blockedBy' : 'content.rules.warnedBy', {
              name: match.name,
              text: match.matched_text,
            })}
            {match.description && ` ${match.description}`}
          </li>
        ))}
      </ul>
    </div>
  );
}
