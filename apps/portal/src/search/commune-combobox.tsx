import type { Commune } from '@cls/api/schemas';
import { Combobox, suggestionStatus, useDebounced, useTRPC } from '@cls/web';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';

const MIN_LENGTH = 2;

const COMMUNES = {
  searching: 'Recherche des communes…',
  none: 'Aucune commune ne correspond.',
  count: (count: number) =>
    `${count} commune${count > 1 ? 's' : ''} proposée${count > 1 ? 's' : ''}, flèches pour choisir.`,
};

/**
 * A commune or postcode field with suggestions (`portal.communes`), fetched while
 * they are open; Escape with none shown clears the field.
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
  useEffect(() => setText(value), [value]);

  const typed = useDebounced(text.trim(), 150);
  const enabled = open && typed.length >= MIN_LENGTH;
  const communes = useQuery({
    ...trpc.portal.communes.queryOptions(enabled ? { q: typed, limit: 8 } : skipToken),
    placeholderData: keepPreviousData,
  });
  const options = enabled ? (communes.data ?? []) : [];

  return (
    <Combobox
      id={id}
      label="Commune ou code postal"
      text={text}
      onTextChange={setText}
      options={options}
      keyOf={(commune) => commune.insee}
      renderOption={(commune) => (
        <>
          {commune.name}{' '}
          <span className="combobox__detail">
            {commune.postcodes.slice(0, 2).join(', ')} · dép. {commune.departement}
          </span>
        </>
      )}
      onPick={(commune) => {
        setText(commune.name);
        onPick(commune);
      }}
      onOpenChange={setOpen}
      onEscapeClosed={() => setText('')}
      listLabel="Communes proposées"
      status={suggestionStatus(enabled, communes.isFetching, options.length, COMMUNES)}
      placeholder="ex. Clermont-l’Hérault ou 34800"
    />
  );
}
