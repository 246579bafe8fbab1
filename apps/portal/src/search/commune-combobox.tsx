import type { Commune } from '@cls/api/schemas';
import { useTRPC } from '@cls/web';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useId, useState } from 'react';
import { useDebounced } from './use-debounced.js';

const MIN_LENGTH = 2;

/**
 * A commune or postcode field with suggestions, following the ARIA combobox
 * pattern (list autocomplete): arrows move through the suggestions, Enter picks
 * one (the first if none is active), Escape closes them.
 */
export function CommuneCombobox({
  value,
  onPick,
}: {
  /** The chosen place's name, shown when nothing is being typed. */
  value: string;
  onPick: (commune: Commune) => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const [text, setText] = useState(value);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  useEffect(() => setText(value), [value]);

  const typed = useDebounced(text.trim(), 150);
  const enabled = open && typed.length >= MIN_LENGTH;
  const communes = useQuery({
    ...trpc.portal.communes.queryOptions(enabled ? { q: typed, limit: 8 } : skipToken),
    placeholderData: keepPreviousData,
  });
  const options = enabled ? (communes.data ?? []) : [];
  const expanded = open && options.length > 0;
  const optionId = (index: number) => `${id}-option-${index}`;

  const pick = (commune: Commune) => {
    setText(commune.name);
    setOpen(false);
    setActive(-1);
    onPick(commune);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      if (options.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (current + step + options.length) % options.length);
    } else if (event.key === 'Enter') {
      const choice = options[active] ?? options[0];
      if (expanded && choice) {
        event.preventDefault();
        pick(choice);
      }
    } else if (event.key === 'Escape') {
      if (expanded) setOpen(false);
      else setText('');
      setActive(-1);
    }
  };

  const status = !enabled
    ? ''
    : communes.isFetching && options.length === 0
      ? 'Recherche des communes…'
      : options.length === 0
        ? 'Aucune commune ne correspond.'
        : `${options.length} commune${options.length > 1 ? 's' : ''} proposée${options.length > 1 ? 's' : ''}, flèches pour choisir.`;

  return (
    <div className="combobox">
      <label htmlFor={`${id}-input`} className="combobox__label">
        Commune ou code postal
      </label>
      <input
        id={`${id}-input`}
        className="combobox__input"
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={`${id}-listbox`}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        value={text}
        placeholder="ex. Clermont-l’Hérault ou 34800"
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <div
        id={`${id}-listbox`}
        role="listbox"
        aria-label="Communes proposées"
        className="combobox__listbox"
        hidden={!expanded}
      >
        {options.map((commune, index) => (
          <div
            key={commune.insee}
            id={optionId(index)}
            role="option"
            // Reached with the arrows through aria-activedescendant, never with Tab.
            tabIndex={-1}
            aria-selected={index === active}
            className="combobox__option"
            // mousedown, not click: the field must keep the focus (its blur closes the list).
            onMouseDown={(event) => {
              event.preventDefault();
              pick(commune);
            }}
          >
            {commune.name}{' '}
            <span className="combobox__detail">
              {commune.postcodes.slice(0, 2).join(', ')} · dép. {commune.departement}
            </span>
          </div>
        ))}
      </div>
      <p className="visually-hidden" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
