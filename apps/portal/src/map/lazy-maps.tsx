import { Component, lazy, type ReactNode, Suspense } from 'react';
import type { OfferMapProps, TerritoryMapProps } from './types.js';

// maplibre is large: it is fetched only when a map is shown, never with the first page.
const OfferMap = lazy(() => import('./offer-map.js'));
const TerritoryMap = lazy(() => import('./territory-map.js'));

/** Without WebGL (old phone, locked-down browser) the map fails to start: the list stays usable. */
class MapErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    if (this.state.failed)
      return (
        <p className="map-message">
          La carte ne peut pas s’afficher sur cet appareil ; la liste reste disponible.
        </p>
      );
    return this.props.children;
  }
}

function LazyMap({ children }: { children: ReactNode }) {
  return (
    <MapErrorBoundary>
      <Suspense fallback={<p className="map-message">Chargement de la carte…</p>}>{children}</Suspense>
    </MapErrorBoundary>
  );
}

export function LazyOfferMap(props: OfferMapProps) {
  return (
    <LazyMap>
      <OfferMap {...props} />
    </LazyMap>
  );
}

export function LazyTerritoryMap(props: TerritoryMapProps) {
  return (
    <LazyMap>
      <TerritoryMap {...props} />
    </LazyMap>
  );
}
