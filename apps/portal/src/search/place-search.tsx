import type { Commune } from '@cls/api/schemas';
import { useState } from 'react';
import { CommuneCombobox } from './commune-combobox.js';
import { locate } from './geolocation.js';
import type { Point } from './url-state.js';

export const MY_POSITION = 'Ma position';

/** Where to search from: a commune or postcode, or the browser's position (« autour de moi »). */
export function PlaceSearch({
  place,
  onPlace,
}: {
  place: string;
  onPlace: (place: { q: string; center: Point }) => void;
}) {
  const [locating, setLocating] = useState(false);
  const [error, setError] = useState('');

  const aroundMe = async () => {
    setLocating(true);
    setError('');
    const result = await locate();
    setLocating(false);
    if ('error' in result) setError(result.error);
    else onPlace({ q: MY_POSITION, center: result.point });
  };

  const pick = (commune: Commune) => {
    setError('');
    onPlace({ q: commune.name, center: { lon: commune.lon, lat: commune.lat } });
  };

  return (
    <search className="place-search" aria-label="Lieu de recherche">
      <CommuneCombobox value={place === MY_POSITION ? '' : place} onPick={pick} />
      <span className="place-search__or" aria-hidden="true">
        ou
      </span>
      <button
        type="button"
        className="button button--secondary place-search__around"
        onClick={aroundMe}
        disabled={locating}
      >
        <span aria-hidden="true">⌖ </span>
        {locating ? 'Localisation…' : 'Autour de moi'}
      </button>
      <p className="place-search__error" role="alert">
        {error}
      </p>
    </search>
  );
}
