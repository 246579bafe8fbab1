import './organisations.css';
import {
  ORGANISATION_KIND_LABELS,
  ORGANISATION_KINDS,
  type OrganisationKind,
  OrganisationKindSchema,
} from '@cls/domain';
import { foldText } from '@cls/french';
import { Combobox, suggestionStatus, useDebounced, useTRPC } from '@cls/web';
import { keepPreviousData, skipToken, useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { CustomInput, FormField } from '../shared/command-form.js';

/*
 * The organisations directory as an input: a combobox over the directory's
 * names (accents and case ignored), with « Ajouter au répertoire » when the name
 * typed is not there yet. Events keep organisations by NAME (pilots, partners,
 * signatories…): the pickers give names, and the organisation row to whoever
 * needs more (its id, its kind).
 *
 *   <OrganisationPicker id=… value={porteur} onChange={(name, organisation) => …} />
 *   <OrganisationsPicker id=… values={pilots} onChange={setPilots} />
 *   CommandForm fields: organisationField('porteur', 'Porteur'), organisationsField('pilots', 'Pilotes')
 */

/** An organisation as the pickers hand it out. */
export interface PickedOrganisation {
  id: string;
  name: string;
  kind: OrganisationKind;
}

type Suggestion = { organisation: PickedOrganisation } | { add: string };

/** A new organisation's id: its folded name and a random suffix (two may share a name). */
export const newOrganisationId = (name: string) =>
  `${foldText(name, '-').slice(0, 80) || 'organisation'}-${crypto.randomUUID().slice(0, 8)}`;

/** The directory's organisations whose names start words like those typed (at least 2 characters). */
function useOrganisationSuggestions(text: string, typing: boolean, exclude: string[]) {
  const trpc = useTRPC();
  const typed = useDebounced(text.trim(), 200);
  const searching = typing && typed.length >= 2;
  const found = useQuery({
    ...trpc.board.organisations.queryOptions(searching ? { query: typed, limit: 8 } : skipToken),
    placeholderData: keepPreviousData,
  });
  const organisations = searching
    ? (found.data ?? []).filter((organisation) => !exclude.includes(organisation.name))
    : [];
  const exact = (found.data ?? []).some((organisation) => foldText(organisation.name) === foldText(typed));
  const suggestions: Suggestion[] = organisations.map((organisation) => ({ organisation }));
  if (searching && !found.isFetching && !exact) suggestions.push({ add: typed });
  return { suggestions, status: suggestionStatus(searching, found.isFetching, suggestions.length) };
}

/** The form that adds a name to the directory, inline under the picker: its kind, then « Ajouter ». */
function AddToDirectory({
  name,
  onAdded,
  onCancel,
}: {
  name: string;
  onAdded: (organisation: PickedOrganisation) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const [kind, setKind] = useState<OrganisationKind | ''>('');
  const [error, setError] = useState<string | undefined>();
  const register = useMutation(trpc.organisation.register.mutationOptions());
  async function add() {
    const checked = OrganisationKindSchema.safeParse(kind);
    if (!checked.success) {
      setError('Choisissez le type d’organisation.');
      document.getElementById(`${id}-kind`)?.focus();
      return;
    }
    const organisation = { id: newOrganisationId(name), name, kind: checked.data };
    try {
      await register.mutateAsync({
        organisationId: organisation.id,
        name,
        kind: checked.data,
        commandId: crypto.randomUUID(),
      });
      onAdded(organisation);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }
  return (
    <fieldset className="organisation-add">
      <legend>Ajouter « {name} » au répertoire des organisations</legend>
      <div className={`field${error ? ' field--error' : ''}`}>
        <label htmlFor={`${id}-kind`}>Type d’organisation</label>
        <select
          id={`${id}-kind`}
          value={kind}
          // biome-ignore lint/a11y/noAutofocus: the panel opens on the user's choice; its first input takes the focus
          autoFocus
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => setKind(event.target.value as OrganisationKind | '')}
        >
          <option value="">— choisir —</option>
          {ORGANISATION_KINDS.map((option) => (
            <option key={option} value={option}>
              {ORGANISATION_KIND_LABELS[option]}
            </option>
          ))}
        </select>
        {error ? (
          <p className="field__error" id={`${id}-error`} role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <div className="button-row">
        <button type="button" className="button button--small" disabled={register.isPending} onClick={add}>
          {register.isPending ? 'Ajout…' : 'Ajouter au répertoire'}
        </button>
        <button type="button" className="button button--secondary button--small" onClick={onCancel}>
          Annuler
        </button>
      </div>
    </fieldset>
  );
}

function renderSuggestion(suggestion: Suggestion) {
  if ('add' in suggestion) return <>Ajouter « {suggestion.add} » au répertoire…</>;
  return (
    <>
      {suggestion.organisation.name}{' '}
      <span className="combobox__detail">{ORGANISATION_KIND_LABELS[suggestion.organisation.kind]}</span>
    </>
  );
}

/**
 * One organisation: its name as typed or picked. `onChange` gets the organisation
 * when the name is one of the directory's (picked or just added), not while typing.
 */
export function OrganisationPicker({
  id,
  value,
  onChange,
  invalid,
  describedBy,
  canRegister = true,
  placeholder = 'nom de l’organisation, ex. ARS Occitanie',
}: {
  id: string;
  value: string;
  onChange: (name: string, organisation?: PickedOrganisation) => void;
  invalid?: boolean;
  describedBy?: string | undefined;
  /** Whether « Ajouter au répertoire » is offered (admins and coordinators may add). */
  canRegister?: boolean;
  placeholder?: string;
}) {
  const [typing, setTyping] = useState(false);
  const [adding, setAdding] = useState<string | undefined>();
  const { suggestions, status } = useOrganisationSuggestions(value, typing, []);
  const shown = canRegister ? suggestions : suggestions.filter((suggestion) => !('add' in suggestion));
  return (
    <div className="organisation-picker">
      <Combobox
        id={id}
        text={value}
        onTextChange={(text) => {
          setTyping(true);
          setAdding(undefined);
          onChange(text);
        }}
        options={shown}
        keyOf={(suggestion) => ('add' in suggestion ? '+add' : suggestion.organisation.id)}
        renderOption={renderSuggestion}
        onPick={(suggestion) => {
          setTyping(false);
          if ('add' in suggestion) setAdding(suggestion.add);
          else onChange(suggestion.organisation.name, suggestion.organisation);
        }}
        listLabel="Organisations du répertoire"
        status={status}
        placeholder={placeholder}
        invalid={invalid}
        describedBy={describedBy}
      />
      {adding ? (
        <AddToDirectory
          name={adding}
          onAdded={(organisation) => {
            setAdding(undefined);
            onChange(organisation.name, organisation);
            document.getElementById(id)?.focus();
          }}
          onCancel={() => {
            setAdding(undefined);
            document.getElementById(id)?.focus();
          }}
        />
      ) : null}
    </div>
  );
}

/** Several organisations (pilots, partners…): picked one by one, each listed with « Retirer ». */
export function OrganisationsPicker({
  id,
  values,
  onChange,
  invalid,
  describedBy,
  canRegister = true,
  placeholder = 'ajouter une organisation, ex. CPAM de l’Hérault',
}: {
  id: string;
  values: string[];
  onChange: (names: string[], organisations: PickedOrganisation[]) => void;
  invalid?: boolean;
  describedBy?: string | undefined;
  canRegister?: boolean;
  placeholder?: string;
}) {
  const [text, setText] = useState('');
  const [typing, setTyping] = useState(false);
  const [adding, setAdding] = useState<string | undefined>();
  const [known, setKnown] = useState<PickedOrganisation[]>([]);
  const { suggestions, status } = useOrganisationSuggestions(text, typing, values);
  const shown = canRegister ? suggestions : suggestions.filter((suggestion) => !('add' in suggestion));
  const listId = `${id}-picked`;
  const add = (organisation: PickedOrganisation) => {
    const nextKnown = [...known.filter((one) => one.id !== organisation.id), organisation];
    setKnown(nextKnown);
    setText('');
    if (!values.includes(organisation.name)) {
      const names = [...values, organisation.name];
      onChange(
        names,
        nextKnown.filter((one) => names.includes(one.name)),
      );
    }
  };
  const remove = (name: string) => {
    const names = values.filter((value) => value !== name);
    onChange(
      names,
      known.filter((one) => names.includes(one.name)),
    );
    // The button goes with its line: the focus goes back to the search.
    document.getElementById(id)?.focus();
  };
  return (
    <div className="organisation-picker">
      <Combobox
        id={id}
        text={text}
        onTextChange={(value) => {
          setTyping(true);
          setAdding(undefined);
          setText(value);
        }}
        options={shown}
        keyOf={(suggestion) => ('add' in suggestion ? '+add' : suggestion.organisation.id)}
        renderOption={renderSuggestion}
        onPick={(suggestion) => {
          setTyping(false);
          if ('add' in suggestion) setAdding(suggestion.add);
          else add(suggestion.organisation);
        }}
        listLabel="Organisations du répertoire"
        status={status}
        placeholder={placeholder}
        invalid={invalid}
        describedBy={[describedBy, listId].filter(Boolean).join(' ')}
      />
      {adding ? (
        <AddToDirectory
          name={adding}
          onAdded={(organisation) => {
            setAdding(undefined);
            add(organisation);
            document.getElementById(id)?.focus();
          }}
          onCancel={() => {
            setAdding(undefined);
            document.getElementById(id)?.focus();
          }}
        />
      ) : null}
      <p className="field__hint" id={listId} aria-live="polite">
        {values.length === 0
          ? 'Aucune organisation choisie.'
          : `${values.length} organisation${values.length > 1 ? 's' : ''} choisie${values.length > 1 ? 's' : ''} :`}
      </p>
      {values.length > 0 ? (
        <ul className="coverage">
          {values.map((name) => (
            <li key={name}>
              <span>{name}</span>
              <button
                type="button"
                className="button button--secondary button--small"
                aria-label={`Retirer ${name}`}
                onClick={() => remove(name)}
              >
                Retirer
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A CommandForm field naming one organisation of the directory (its value: the name). */
export function organisationField(
  name: string,
  label: string,
  options: Pick<FormField, 'hint' | 'initial' | 'visible'> & { canRegister?: boolean } = {},
): FormField {
  const { canRegister, ...rest } = options;
  return {
    name,
    label,
    ...rest,
    render: (input: CustomInput) => (
      <OrganisationPicker
        id={input.id}
        value={input.value}
        invalid={input.invalid}
        describedBy={input.describedBy}
        canRegister={canRegister}
        onChange={(text) => input.onChange(text)}
      />
    ),
  };
}

/** A CommandForm field naming several organisations (its value: their names, a list). */
export function organisationsField(
  name: string,
  label: string,
  options: Pick<FormField, 'hint' | 'initial' | 'visible'> & { canRegister?: boolean } = {},
): FormField {
  const { canRegister, ...rest } = options;
  return {
    name,
    label,
    type: 'list',
    ...rest,
    render: (input: CustomInput) => (
      <OrganisationsPicker
        id={input.id}
        values={input.value.split('\n').filter(Boolean)}
        invalid={input.invalid}
        describedBy={input.describedBy}
        canRegister={canRegister}
        onChange={(names) => input.onChange(names.join('\n'))}
      />
    ),
  };
}
