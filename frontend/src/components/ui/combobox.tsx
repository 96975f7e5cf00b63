import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';

export type ComboboxOption = { id: string; label: string; description?: string };

/**
 * A text input with a suggestion list (ARIA 1.2 combobox): arrow keys move through the options,
 * Enter picks the active one, Escape closes the list. Enter without an active option is left to the form.
 */
export function Combobox({
  label,
  value,
  onValueChange,
  options,
  onSelect,
  hint,
  placeholder,
  name,
  type = 'text',
  labelHidden = false,
  emptyText,
}: {
  label: ReactNode;
  value: string;
  onValueChange: (value: string) => void;
  options: ComboboxOption[];
  onSelect: (option: ComboboxOption) => void;
  hint?: ReactNode;
  placeholder?: string;
  name?: string;
  type?: 'text' | 'search';
  labelHidden?: boolean;
  emptyText?: string;
}) {
  const id = useId();
  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const showList = open && value.trim() !== '' && (options.length > 0 || Boolean(emptyText));
  const activeOption = showList && active >= 0 ? options[active] : undefined;

  function pick(option: ComboboxOption) {
    onSelect(option);
    setOpen(false);
    setActive(-1);
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((index) => Math.min(index + 1, options.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((index) => Math.max(index - 1, 0));
    } else if (event.key === 'Enter' && activeOption) {
      event.preventDefault();
      pick(activeOption);
    } else if (event.key === 'Escape' && showList) {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  }

  return (
    <div className="field combobox">
      <label className={labelHidden ? 'visually-hidden' : 'field__label'} htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        className="input"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={activeOption ? `${id}-option-${active}` : undefined}
        aria-describedby={hint ? hintId : undefined}
        placeholder={placeholder}
        value={value}
        onChange={(event) => {
          onValueChange(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={handleKeyDown}
        onBlur={() => setOpen(false)}
        onFocus={() => setOpen(true)}
      />
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      <ul id={listId} role="listbox" className="combobox__list" hidden={!showList} aria-label={typeof label === 'string' ? label : undefined}>
        {options.length === 0 && emptyText && (
          <li className="combobox__empty" role="presentation">
            {emptyText}
          </li>
        )}
        {options.map((option, index) => (
          <li
            key={option.id}
            id={`${id}-option-${index}`}
            role="option"
            aria-selected={index === active}
            className={`combobox__option${index === active ? ' combobox__option--active' : ''}`}
            // Keep focus in the input so blur does not close the list before the click lands.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => pick(option)}
          >
            <span>{option.label}</span>
            {option.description && <span className="combobox__description">{option.description}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
