import { Combobox, suggestionStatus, useDebounced, useTRPC } from '@cls/web';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { CustomInput } from '../shared/command-form.js';
import { kindLabel } from '../shared/labels.js';

/**
 * An offer of the directory, found by words of its name or commune
 * (`board.offers`, open offers): the input's value is the id of the one picked,
 * empty while the words typed name none yet.
 */
export function OfferSearch({ input, exclude }: { input: CustomInput; exclude: string[] }) {
  const trpc = useTRPC();
  const [text, setText] = useState('');
  const [picked, setPicked] = useState({ id: '', name: '' });
  const typed = useDebounced(text.trim(), 250);
  const searching = input.value === '' && typed.length >= 2;
  const offers = useQuery({
    ...trpc.board.offers.queryOptions(searching ? { search: typed, state: 'open', limit: 8 } : skipToken),
    placeholderData: keepPreviousData,
  });
  const options = searching ? (offers.data?.items ?? []).filter((offer) => !exclude.includes(offer.id)) : [];
  return (
    <Combobox
      id={input.id}
      // The name picked while it is the value; what is typed otherwise (empty once the form is sent).
      text={input.value && input.value === picked.id ? picked.name : text}
      onTextChange={(value) => {
        setText(value);
        input.onChange('');
      }}
      options={options}
      keyOf={(offer) => offer.id}
      renderOption={(offer) => (
        <>
          {offer.name}{' '}
          <span className="combobox__detail">
            {kindLabel(offer.kind)} · {offer.commune}
          </span>
        </>
      )}
      onPick={(offer) => {
        setPicked({ id: offer.id, name: offer.name });
        setText('');
        input.onChange(offer.id);
      }}
      listLabel="Offres proposées"
      status={suggestionStatus(searching, offers.isFetching, options.length)}
      placeholder="nom ou commune, ex. maison de santé Lodève"
      invalid={input.invalid}
      describedBy={input.describedBy}
    />
  );
}
