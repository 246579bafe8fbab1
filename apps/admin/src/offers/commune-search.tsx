import type { Commune } from '@cls/api/schemas';
import { Combobox, suggestionStatus, useDebounced, useTRPC } from '@cls/web';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { useState } from 'react';

/** A commune or postcode input suggesting the communes of the open data (`portal.communes`). */
export function CommuneSearch({
  id,
  text,
  onTextChange,
  onPick,
  invalid,
  describedBy,
}: {
  id: string;
  text: string;
  onTextChange: (text: string) => void;
  onPick: (commune: Commune) => void;
  invalid?: boolean;
  describedBy?: string | undefined;
}) {
  const trpc = useTRPC();
  // Suggestions follow what is typed, not a name already picked or loaded.
  const [typing, setTyping] = useState(false);
  const typed = useDebounced(text.trim(), 200);
  const searching = typing && typed.length >= 2;
  const communes = useQuery({
    ...trpc.portal.communes.queryOptions(searching ? { q: typed, limit: 8 } : skipToken),
    placeholderData: keepPreviousData,
  });
  const options = searching ? (communes.data ?? []) : [];
  return (
    <Combobox
      id={id}
      text={text}
      onTextChange={(value) => {
        setTyping(true);
        onTextChange(value);
      }}
      options={options}
      keyOf={(commune) => commune.insee}
      renderOption={(commune) => (
        <>
          {commune.name}{' '}
          <span className="combobox__detail">
            {commune.postcodes.slice(0, 2).join(', ')} · INSEE {commune.insee}
          </span>
        </>
      )}
      onPick={(commune) => {
        setTyping(false);
        onPick(commune);
      }}
      listLabel="Communes proposées"
      status={suggestionStatus(searching, communes.isFetching, options.length)}
      placeholder="nom ou code postal, ex. Lodève ou 34700"
      invalid={invalid}
      describedBy={describedBy}
    />
  );
}
