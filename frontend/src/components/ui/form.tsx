import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

import { errorMessage, fieldErrors } from '@/components/ui/error-message';

type FieldShellProps = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
};

export function FieldShell({ id, label, hint, errors = [], children }: FieldShellProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const invalid = errors.length > 0;
  const describedBy = [hint ? hintId : null, invalid ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${invalid ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children(describedBy, invalid)}
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {invalid && (
        <ul className="field__errors" id={errorId}>
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & {
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
};

export function TextField({ label, hint, errors, className, ...input }: TextFieldProps) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint} errors={errors}>
      {(describedBy, invalid) => (
        <input
          {...input}
          id={id}
          className={`input ${className ?? ''}`.trim()}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
        />
      )}
    </FieldShell>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & {
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  options: { value: string; label: string }[];
};

export function SelectField({ label, hint, errors, options, className, ...select }: SelectFieldProps) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint} errors={errors}>
      {(describedBy, invalid) => (
        <select
          {...select}
          id={id}
          className={`input ${className ?? ''}`.trim()}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

/**
 * Top-of-form error: the server's message plus `non_field_errors`, announced with role="alert".
 * Field messages are rendered under their inputs by the fields themselves.
 */
export function FormError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const general = fieldErrors(error, 'non_field_errors');
  const message = errorMessage(error, t);
  return (
    <div className="alert alert--error" role="alert">
      <p>{message}</p>
      {general.filter((item) => item !== message).length > 0 && (
        <ul>
          {general
            .filter((item) => item !== message)
            .map((item) => (
              <li key={item}>{item}</li>
            ))}
        </ul>
      )}
    </div>
  );
}
