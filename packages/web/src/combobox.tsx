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

/** What the suggestions are called in what screen readers hear. */
export interface SuggestionWords {
  searching: string;
  none: string;
  count: (count: number) => string;
}

const PROPOSITIONS: SuggestionWords = {
  searching: 'Recherche…',
  none: 'Aucune proposition.',
  count: (count) => `${count} proposition${count > 1 ? 's' : ''}, flèches pour choisir.`,
};

/** What screen readers hear while suggestions come: searching, none, or how many. */
export function suggestionStatus(
  searching: boolean,
  pending: boolean,
  count: number,
  words: SuggestionWords = PROPOSITIONS,
): string {
  if (!searching) return '';
  if (pending && count === 0) return words.searching;
  if (count === 0) return words.none;
  return words.count(count);
}

/**
 * A text input with suggestions, after the ARIA combobox pattern (list
 * autocomplete): arrows move through them, Enter picks one (the first if none is
 * active), Escape closes them; a click picks one too. Fetching is the caller's.
 */
export function Combobox<T>({
  id,
  label,
  text,
  onTextChange,
  options,
  keyOf,
  renderOption,
  onPick,
  onOpenChange,
  onEscapeClosed,
  listLabel,
  status,
  placeholder,
  invalid,
  describedBy,
}: {
  /** The input's; the list's and the options' ids derive from it. */
  id: string;
  /** A label drawn above the input, inside the combobox (otherwise the caller labels `id`). */
  label?: ReactNode;
  text: string;
  onTextChange: (text: string) => void;
  options: T[];
  keyOf: (option: T) => string;
  renderOption: (option: T) => ReactNode;
  onPick: (option: T) => void;
  /** Told when the list opens (typing, arrows) or closes (a pick, Escape, leaving the input): to fetch only while open. */
  onOpenChange?: (open: boolean) => void;
  /** Escape pressed while no suggestion is shown (e.g. to clear the text). */
  onEscapeClosed?: () => void;
  listLabel: string;
  status: string;
  placeholder?: string;
  invalid?: boolean;
  describedBy?: string | undefined;
}) {
  const [open, setOpenState] = useState(false);
  const [active, setActive] = useState(-1);
  const expanded = open && options.length > 0;
  const optionId = (index: number) => `${id}-option-${index}`;
  const setOpen = (next: boolean) => {
    setOpenState(next);
    onOpenChange?.(next);
  };

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
    } else if (event.key === 'Escape') {
      if (expanded) {
        event.preventDefault();
        setOpen(false);
        setActive(-1);
      } else if (onEscapeClosed) {
        setActive(-1);
        onEscapeClosed();
      }
    }
  };

  return (
    <div className="combobox">
      {label ? (
        <label htmlFor={id} className="combobox__label">
          {label}
        </label>
      ) : null}
      <input
        id={id}
        className="combobox__input"
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
