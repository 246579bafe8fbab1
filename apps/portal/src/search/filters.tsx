import { OFFER_KINDS, type OfferKind } from '@cls/domain';
import { OFFER_KIND_LABELS } from '../labels.js';
import { RADIUS_OPTIONS } from './url-state.js';

/** The short name, spelled out for screen readers when it is an acronym (the visible name stays in the label). */
function KindName({ kind }: { kind: OfferKind }) {
  const { short, long } = OFFER_KIND_LABELS[kind];
  return (
    <>
      {short}
      {long !== short ? <span className="visually-hidden"> : {long}</span> : null}
    </>
  );
}

/**
 * The kinds to show, each with how many offers of that kind the area has
 * (whatever else is ticked). Kinds absent from the area are left out unless ticked.
 */
export function KindFilters({
  counts,
  selected,
  onChange,
}: {
  counts: Record<string, number>;
  selected: OfferKind[];
  onChange: (kinds: OfferKind[]) => void;
}) {
  const shown = OFFER_KINDS.filter((kind) => (counts[kind] ?? 0) > 0 || selected.includes(kind));
  const toggle = (kind: OfferKind, on: boolean) =>
    onChange(OFFER_KINDS.filter((other) => (other === kind ? on : selected.includes(other))));
  return (
    <fieldset className="kind-filters">
      <legend className="kind-filters__legend">Types d’offre{selected.length === 0 ? ' (tous)' : ''}</legend>
      {shown.length === 0 ? <p className="hint">Aucune offre dans cette zone.</p> : null}
      <ul className="kind-filters__list">
        {shown.map((kind) => (
          <li key={kind}>
            <label className="chip">
              <input
                type="checkbox"
                checked={selected.includes(kind)}
                onChange={(event) => toggle(kind, event.target.checked)}
              />
              <span>
                <KindName kind={kind} /> <span className="chip__count">({counts[kind] ?? 0})</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      {selected.length > 0 ? (
        <button type="button" className="link-button" onClick={() => onChange([])}>
          Afficher tous les types
        </button>
      ) : null}
    </fieldset>
  );
}

export function RadiusSelect({ value, onChange }: { value: number; onChange: (km: number) => void }) {
  return (
    <div className="radius">
      <label htmlFor="radius">Distance</label>
      <select id="radius" value={value} onChange={(event) => onChange(Number(event.target.value))}>
        {RADIUS_OPTIONS.map((km) => (
          <option key={km} value={km}>
            {km} km autour
          </option>
        ))}
      </select>
    </div>
  );
}
