import { type KeyboardEvent, type ReactNode, useEffect, useState } from 'react';

/** `value`, once it has not changed for `delayMs`: one request per pause in typing, not per key. */
export function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/** What screen readers hear while suggestions come: searching, none, or how many. */
export function suggestionStatus(searching: boolean, pending: boolean, count: number): string {
  if (!searching) return '';
  if (pending && count === 0) return 'Recherche…';
  if (count === 0) return 'Aucune proposition.';
  return `${count} proposition${count > 1 ? 's' : ''}, flèches pour choisir.`;
}

/**
 * A text input with suggestions, after the ARIA combobox pattern (list
 * autocomplete): arrows move through them, Enter picks one (the first if none is
 * active), Escape closes them; a click picks one too. Fetching is the caller's.
 */
export function Combobox<T>({
  id,
  text,
  onTextChange,
  options,
  keyOf,
  renderOption,
  onPick,
  listLabel,
  status,
  placeholder,
  invalid,
  describedBy,
}: {
  id: string;
  text: string;
  onTextChange: (text: string) => void;
  options: T[];
  keyOf: (option: T) => string;
  renderOption: (option: T) => ReactNode;
  onPick: (option: T) => void;
  listLabel: string;
  status: string;
  placeholder?: string;
  invalid?: boolean;
  describedBy?: string | undefined;
}) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const expanded = open && options.length > 0;
  const optionId = (index: number) => `${id}-option-${index}`;

  const pick = (option: T) => {
    setOpen(false);
    setActive(-1);
    onPick(option);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      if (options.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (current + step + options.length) % options.length);
    } else if (event.key === 'Enter') {
      // Enter picks rather than submitting the form while suggestions are shown.
      const choice = options[active] ?? options[0];
      if (expanded && choice) {
        event.preventDefault();
        pick(choice);
      }
    } else if (event.key === 'Escape' && expanded) {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };

  return (
    <div className="combobox">
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={`${id}-listbox`}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        value={text}
        placeholder={placeholder}
        onChange={(event) => {
          onTextChange(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <div
        id={`${id}-listbox`}
        role="listbox"
        aria-label={listLabel}
        className="combobox__listbox"
        hidden={!expanded}
      >
        {options.map((option, index) => (
          <div
            key={keyOf(option)}
            id={optionId(index)}
            role="option"
            // Reached by the arrows through aria-activedescendant: the focus stays in the input.
            tabIndex={-1}
            aria-selected={index === active}
            className="combobox__option"
            // mousedown, not click: the input must keep the focus (its blur closes the list).
            onMouseDown={(event) => {
              event.preventDefault();
              pick(option);
            }}
          >
            {renderOption(option)}
          </div>
        ))}
      </div>
      <p className="visually-hidden" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
