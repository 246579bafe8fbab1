import type { FilterCounts } from '@cls/api/schemas';
import {
  OFFER_ACCESS,
  OFFER_ACCESS_LABELS,
  OFFER_PUBLIC_LABELS,
  OFFER_PUBLICS,
  type OfferAccess,
  type OfferPublic,
} from '@cls/domain';
import type { SearchState } from './url-state.js';

type Practical = Pick<SearchState, 'openNow' | 'openSaturday' | 'publics' | 'access'>;

function Chip({
  label,
  count,
  checked,
  onChange,
}: {
  label: string;
  count: number;
  checked: boolean;
  onChange: (on: boolean) => void;
}) {
  return (
    <li>
      <label className="chip">
        <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
        <span>
          {label} <span className="chip__count">({count})</span>
        </span>
      </label>
    </li>
  );
}

/** The values of `all` ticked after one is ticked or unticked, in the filters' order. */
const toggled = <T extends string>(all: readonly T[], selected: readonly T[], value: T, on: boolean): T[] =>
  all.filter((other) => (other === value ? on : selected.includes(other)));

/**
 * « Ouvert maintenant », « Ouvert le samedi », publics and access conditions, each
 * with how many offers it would give (the other filters applied). A public or a
 * condition no offer of the area states is left out unless ticked.
 */
export function PracticalFilters({
  counts,
  state,
  onChange,
}: {
  counts: FilterCounts | undefined;
  state: Practical;
  onChange: (changes: Partial<Practical>) => void;
}) {
  const publics = OFFER_PUBLICS.filter(
    (value) => (counts?.publics[value] ?? 0) > 0 || state.publics.includes(value),
  );
  const access = OFFER_ACCESS.filter(
    (value) => (counts?.access[value] ?? 0) > 0 || state.access.includes(value),
  );
  return (
    <>
      <fieldset className="kind-filters" data-testid="hours-filters">
        <legend className="kind-filters__legend">Horaires</legend>
        <ul className="kind-filters__list">
          <Chip
            label="Ouvert maintenant"
            count={counts?.openNow ?? 0}
            checked={state.openNow}
            onChange={(openNow) => onChange({ openNow })}
          />
          <Chip
            label="Ouvert le samedi"
            count={counts?.openSaturday ?? 0}
            checked={state.openSaturday}
            onChange={(openSaturday) => onChange({ openSaturday })}
          />
        </ul>
        <p className="hint">Seules les offres dont les horaires sont renseignés sont comptées.</p>
      </fieldset>
      {publics.length > 0 ? (
        <fieldset className="kind-filters" data-testid="public-filters">
          <legend className="kind-filters__legend">Pour qui</legend>
          <ul className="kind-filters__list">
            {publics.map((value: OfferPublic) => (
              <Chip
                key={value}
                label={OFFER_PUBLIC_LABELS[value]}
                count={counts?.publics[value] ?? 0}
                checked={state.publics.includes(value)}
                onChange={(on) => onChange({ publics: toggled(OFFER_PUBLICS, state.publics, value, on) })}
              />
            ))}
          </ul>
        </fieldset>
      ) : null}
      {access.length > 0 ? (
        <fieldset className="kind-filters" data-testid="access-filters">
          <legend className="kind-filters__legend">Conditions d’accès (toutes celles cochées)</legend>
          <ul className="kind-filters__list">
            {access.map((value: OfferAccess) => (
              <Chip
                key={value}
                label={OFFER_ACCESS_LABELS[value]}
                count={counts?.access[value] ?? 0}
                checked={state.access.includes(value)}
                onChange={(on) => onChange({ access: toggled(OFFER_ACCESS, state.access, value, on) })}
              />
            ))}
          </ul>
        </fieldset>
      ) : null}
    </>
  );
}
