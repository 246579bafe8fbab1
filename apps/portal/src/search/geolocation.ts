import type { Point } from './url-state.js';

/** Why the position could not be had, in words a resident can act on. */
export function geolocationErrorMessage(code: number | 'unsupported'): string {
  switch (code) {
    case 1: // PERMISSION_DENIED
      return 'Vous n’avez pas autorisé la localisation : saisissez une commune ou un code postal, ou autorisez-la dans les réglages de votre navigateur.';
    case 3: // TIMEOUT
      return 'La localisation prend trop de temps : réessayez, ou saisissez une commune ou un code postal.';
    case 'unsupported':
      return 'Votre navigateur ne permet pas la localisation : saisissez une commune ou un code postal.';
    default: // POSITION_UNAVAILABLE
      return 'Votre position n’a pas pu être déterminée : saisissez une commune ou un code postal.';
  }
}

/** The browser's position (it asks the person first), or the reason it is not given. */
export function locate(): Promise<{ point: Point } | { error: string }> {
  if (!('geolocation' in navigator))
    return Promise.resolve({ error: geolocationErrorMessage('unsupported') });
  return new Promise((resolve) =>
    navigator.geolocation.getCurrentPosition(
      (position) => resolve({ point: { lon: position.coords.longitude, lat: position.coords.latitude } }),
      (error) => resolve({ error: geolocationErrorMessage(error.code) }),
      // A position from the last minutes is as good: the search is within kilometres.
      { timeout: 15_000, maximumAge: 5 * 60_000 },
    ),
  );
}
