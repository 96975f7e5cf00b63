/**
 * Date and date-time inputs that follow the UI language, not the browser's locale (a native
 * `<input type="date">` shows the browser's format, e.g. "11/07/2026" in a German UI). The person types
 * "11.07.2026" (de) or "11/07/2026" (en); the value going in and out is ISO ("2026-07-11",
 * "2026-07-11T09:30") as the API and the native inputs used it.
 */
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { FieldShell } from '@/components/ui/form';
import { formatDayInput, parseDayInput, parseTimeInput } from '@/lib/format';

type DateFieldProps = {
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  /** ISO day ("2026-07-11") or "" */
  value: string;
  onValueChange: (value: string) => void;
  name?: string;
  required?: boolean;
};

/** Text shown for `value`; re-derived when the value changes from outside or the UI language switches. */
function useTypedText(value: string, format: (value: string) => string, parse: (text: string) => string | null) {
  const { i18n } = useTranslation();
  const [text, setText] = useState(() => format(value));
  const [seen, setSeen] = useState({ value, language: i18n.language });
  if (seen.value !== value || seen.language !== i18n.language) {
    setSeen({ value, language: i18n.language });
    if (seen.language !== i18n.language || (parse(text) ?? '') !== value) setText(format(value));
  }
  return [text, setText] as const;
}

export function DateField({ label, hint, errors = [], value, onValueChange, name, required }: DateFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useTypedText(value, formatDayInput, parseDayInput);
  const [touched, setTouched] = useState(false);
  const invalid = text.trim() !== '' && parseDayInput(text) === null;
  const shownErrors = [...(touched && invalid ? [t('common.dateInput.invalid', { format: t('common.dateInput.format') })] : []), ...errors];
  return (
    <FieldShell id={id} label={label} hint={hint ?? t('common.dateInput.hint', { format: t('common.dateInput.format') })} errors={shownErrors}>
      {(describedBy, isInvalid) => (
        <input
          id={id}
          name={name}
          required={required}
          className="input input--date"
          inputMode="numeric"
          autoComplete="off"
          placeholder={t('common.dateInput.format')}
          value={text}
          aria-invalid={isInvalid || undefined}
          aria-describedby={describedBy}
          onChange={(event) => {
            const next = event.target.value;
            setText(next);
            const parsed = parseDayInput(next);
            if (next.trim() === '') onValueChange('');
            else if (parsed !== null) onValueChange(parsed);
          }}
          onBlur={() => {
            setTouched(true);
            const parsed = parseDayInput(text);
            if (parsed !== null) setText(formatDayInput(parsed));
          }}
        />
      )}
    </FieldShell>
  );
}

type DateTimeFieldProps = Omit<DateFieldProps, 'value'> & {
  /** "2026-07-11T09:30" (as a datetime-local input) or "" */
  value: string;
};

/** A day and a time of day (24 h, as in German and British English), e.g. for a scheduled post. */
export function DateTimeField({ label, hint, errors = [], value, onValueChange, name, required }: DateTimeFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const [day, time] = value ? [value.slice(0, 10), value.slice(11, 16)] : ['', ''];
  const [dayText, setDayText] = useTypedText(day, formatDayInput, parseDayInput);
  const [timeText, setTimeText] = useTypedText(time, (v) => v, parseTimeInput);
  const [touched, setTouched] = useState(false);
  const dayInvalid = dayText.trim() !== '' && parseDayInput(dayText) === null;
  const timeInvalid = timeText.trim() !== '' && parseTimeInput(timeText) === null;
  const shownErrors = [
    ...(touched && dayInvalid ? [t('common.dateInput.invalid', { format: t('common.dateInput.format') })] : []),
    ...(touched && timeInvalid ? [t('common.dateInput.invalidTime')] : []),
    ...errors,
  ];

  function emit(nextDay: string, nextTime: string) {
    const parsedDay = parseDayInput(nextDay);
    const parsedTime = nextTime.trim() === '' ? '00:00' : parseTimeInput(nextTime);
    if (nextDay.trim() === '') onValueChange('');
    else if (parsedDay !== null && parsedTime !== null) onValueChange(`${parsedDay}T${parsedTime}`);
  }

  return (
    <FieldShell id={id} label={label} hint={hint ?? t('common.dateInput.hintTime', { format: t('common.dateInput.format') })} errors={shownErrors}>
      {(describedBy, isInvalid) => (
        <span className="date-time">
          <input
            id={id}
            name={name}
            required={required}
            className="input input--date"
            inputMode="numeric"
            autoComplete="off"
            placeholder={t('common.dateInput.format')}
            value={dayText}
            aria-invalid={(isInvalid && dayInvalid) || undefined}
            aria-describedby={describedBy}
            onChange={(event) => {
              setDayText(event.target.value);
              emit(event.target.value, timeText);
            }}
            onBlur={() => setTouched(true)}
          />
          <input
            className="input input--time"
            inputMode="numeric"
            autoComplete="off"
            placeholder={t('common.dateInput.timeFormat')}
            aria-label={t('common.dateInput.time')}
            value={timeText}
            aria-invalid={(isInvalid && timeInvalid) || undefined}
            aria-describedby={describedBy}
            onChange={(event) => {
              setTimeText(event.target.value);
              emit(dayText, event.target.value);
            }}
            onBlur={() => setTouched(true)}
          />
        </span>
      )}
    </FieldShell>
  );
}
