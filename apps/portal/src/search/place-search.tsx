import type { Commune } from '@cls/api/schemas';
import { useState } from 'react';
import { CommuneCombobox } from './commune-combobox.js';
import { locate } from './geolocation.js';
import { MY_POSITION, type Point } from './url-state.js';

/** A crosshair, drawn (a font may lack the ⌖ character). */
function LocateIcon() {
  return (
    <svg
      aria-hidden="true"
      width="18"
      height="18"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
    >
      <circle cx="12" cy="12" r="7" />
      <circle cx="12" cy="12" r="2" fill="currentColor" />
      <path d="M12 1v4M12 19v4M1 12h4M19 12h4" />
    </svg>
  );
}

/** Where to search from: a commune or postcode, or the browser's position (« autour de moi »). */
export function PlaceSearch({
  place,
  onPlace,
}: {
  place: string;
  onPlace: (place: { q: string; commune: string | null; center: Point }) => void;
}) {
  const [locating, setLocating] = useState(false);
  const [error, setError] = useState('');

  const aroundMe = async () => {
    setLocating(true);
    setError('');
    const result = await locate();
    setLocating(false);
    if ('error' in result) setError(result.error);
    else onPlace({ q: MY_POSITION, commune: null, center: result.point });
  };

  const pick = (commune: Commune) => {
    setError('');
    onPlace({ q: commune.name, commune: commune.insee, center: { lon: commune.lon, lat: commune.lat } });
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
        <LocateIcon />
        {locating ? 'Localisation…' : 'Autour de moi'}
      </button>
      <p className="place-search__error" role="alert">
        {error}
      </p>
    </search>
  );
}
