import type { Epci } from '@cls/api/schemas';
import { Combobox, suggestionStatus, useDebounced, useTRPC } from '@cls/web';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { Component, lazy, type ReactNode, Suspense, useState } from 'react';
import { CommuneSearch } from '../offers/commune-search.js';
import type { CustomInput } from '../shared/command-form.js';

// maplibre is large: fetched only when the territory has communes to show.
const TerritoryMap = lazy(() => import('./territory-map.js'));

/** Without WebGL (an old phone, a locked-down browser) the map cannot start: the list of communes stays. */
class MapErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    if (this.state.failed)
      return (
        <p className="muted">
          La carte ne peut pas s’afficher sur cet appareil ; la liste des communes reste.
        </p>
      );
    return this.props.children;
  }
}

/** The territory's communes on a map, fetched when drawn (the editor's and the contract page's). */
export function TerritoryMapLazy({ communes }: { communes: string[] }) {
  return (
    <MapErrorBoundary>
      <Suspense fallback={<p className="muted">Chargement de la carte…</p>}>
        <TerritoryMap communes={communes} />
      </Suspense>
    </MapErrorBoundary>
  );
}

/** The territory as the form keeps it: INSEE codes with their names, EPCI added whole. */
export interface TerritoryValue {
  communes: Array<{ insee: string; name: string }>;
  epcis: Array<{ siren: string; name: string }>;
  /** Communes a draft named without their code (the seeds'), kept until removed. */
  named?: string[];
  /** EPCI named without their SIREN (the seeds'). */
  namedEpci?: string[];
  /** How many communes the territory counts, as a source naming only some says (kept as is). */
  communeCount?: number;
}

export const emptyTerritory: TerritoryValue = { communes: [], epcis: [] };

export function readTerritory(text: string): TerritoryValue {
  if (!text) return emptyTerritory;
  try {
    return JSON.parse(text) as TerritoryValue;
  } catch {
    return emptyTerritory;
  }
}

/** What DraftContract's territory takes from the editor's value. */
export function territoryFields(value: TerritoryValue) {
  // The named ones first: the codes go with the last communes (see contractTexts).
  return {
    communeCodes: value.communes.map((commune) => commune.insee),
    communes: [...(value.named ?? []), ...value.communes.map((commune) => commune.name)],
    epciCodes: value.epcis.map((epci) => epci.siren),
    epci: [...value.epcis.map((epci) => epci.name), ...(value.namedEpci ?? [])],
    ...(value.communeCount === undefined ? {} : { communeCount: value.communeCount }),
  };
}

/** EPCI of the open data as the user types their name. */
function EpciSearch({ id, onPick }: { id: string; onPick: (epci: Epci) => void }) {
  const trpc = useTRPC();
  const [text, setText] = useState('');
  const [typing, setTyping] = useState(false);
  const typed = useDebounced(text.trim(), 200);
  const searching = typing && typed.length >= 2;
  const found = useQuery({
    ...trpc.portal.epcis.queryOptions(searching ? { q: typed, limit: 8 } : skipToken),
    placeholderData: keepPreviousData,
  });
  const options = searching ? (found.data ?? []) : [];
  return (
    <Combobox
      id={id}
      label="Ajouter toutes les communes d’un EPCI"
      text={text}
      onTextChange={(value) => {
        setTyping(true);
        setText(value);
      }}
      options={options}
      keyOf={(epci) => epci.siren}
      renderOption={(epci) => (
        <>
          {epci.name}{' '}
          <span className="combobox__detail">
            {epci.communes.length} commune{epci.communes.length > 1 ? 's' : ''}
          </span>
        </>
      )}
      onPick={(epci) => {
        setTyping(false);
        setText('');
        onPick(epci);
      }}
      listLabel="EPCI proposés"
      status={suggestionStatus(searching, found.isFetching, options.length)}
      placeholder="ex. Lodévois et Larzac"
    />
  );
}

/**
 * A contract's territory: communes picked from the open data one by one, or all
 * those of an EPCI in one click, listed with « Retirer » and shown on a map.
 */
export function TerritoryEditor({ input }: { input: CustomInput }) {
  const value = readTerritory(input.value);
  const [text, setText] = useState('');
  const [announce, setAnnounce] = useState('');
  const set = (next: TerritoryValue) => input.onChange(JSON.stringify(next));
  const addCommunes = (communes: Array<{ insee: string; name: string }>) => {
    const known = new Set(value.communes.map((commune) => commune.insee));
    const added = communes.filter((commune) => !known.has(commune.insee));
    return { communes: [...value.communes, ...added], added: added.length };
  };
  const remove = (insee: string) => {
    set({ ...value, communes: value.communes.filter((commune) => commune.insee !== insee) });
    document.getElementById(input.id)?.focus();
  };
  const named = value.named ?? [];
  const removeNamed = (name: string) => {
    set({ ...value, named: named.filter((one) => one !== name) });
    document.getElementById(input.id)?.focus();
  };
  const count = value.communes.length + named.length;
  const epciNames = [...value.epcis.map((epci) => epci.name), ...(value.namedEpci ?? [])];
  return (
    <div className="territory-editor">
      <CommuneSearch
        id={input.id}
        text={text}
        invalid={input.invalid}
        describedBy={input.describedBy}
        onTextChange={setText}
        onPick={(commune) => {
          setText('');
          const { communes, added } = addCommunes([{ insee: commune.insee, name: commune.name }]);
          set({ ...value, communes });
          setAnnounce(
            added ? `${commune.name} ajoutée au territoire.` : `${commune.name} en fait déjà partie.`,
          );
        }}
      />
      <EpciSearch
        id={`${input.id}-epci`}
        onPick={(epci) => {
          const { communes, added } = addCommunes(epci.communes);
          const epcis = value.epcis.some((one) => one.siren === epci.siren)
            ? value.epcis
            : [...value.epcis, { siren: epci.siren, name: epci.name }];
          set({ ...value, communes, epcis });
          setAnnounce(
            `${epci.name} : ${added} commune${added > 1 ? 's' : ''} ajoutée${added > 1 ? 's' : ''}.`,
          );
        }}
      />
      <p className="visually-hidden" aria-live="polite">
        {announce}
      </p>
      {epciNames.length > 0 ? <p className="field__hint">EPCI : {epciNames.join(', ')}</p> : null}
      <p className="field__hint" data-testid="territory-count">
        {count === 0 ? 'Aucune commune.' : `${count} commune${count > 1 ? 's' : ''} :`}
      </p>
      {count > 0 ? (
        <>
          <ul className="coverage" data-testid="territory-communes">
            {named.map((name) => (
              <li key={`named-${name}`}>
                <span>
                  {name} <span className="muted">(sans code INSEE)</span>
                </span>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  aria-label={`Retirer ${name}`}
                  onClick={() => removeNamed(name)}
                >
                  Retirer
                </button>
              </li>
            ))}
            {value.communes.map((commune) => (
              <li key={commune.insee}>
                <span>
                  {commune.name} <span className="muted">({commune.insee})</span>
                </span>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  aria-label={`Retirer ${commune.name}`}
                  onClick={() => remove(commune.insee)}
                >
                  Retirer
                </button>
              </li>
            ))}
          </ul>
          {value.communes.length > 0 ? (
            <TerritoryMapLazy communes={value.communes.map((commune) => commune.insee)} />
          ) : null}
        </>
      ) : null}
    </div>
  );
}
