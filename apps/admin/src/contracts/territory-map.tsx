import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { communeContours, createCommunesMap, showCommunes, whenLoaded } from '../shared/communes-map.js';

/*
 * The territory being drawn up, on the platform's own data: no tile server, as
 * on the portal. The portal's basemap (world-atlas, commune borders by zoom) is
 * richer; this map only has to show which communes the contract covers.
 */
export default function TerritoryMap({ communes }: { communes: string[] }) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibreMap | undefined>(undefined);
  const key = [...communes].sort().join(',');

  useEffect(() => {
    if (!container.current) return;
    const created = createCommunesMap(container.current, {
      title: 'Carte des communes du territoire',
      colour: '#000091',
      opacity: 0.25,
      maxZoom: 14,
    });
    map.current = created;
    return () => {
      created.remove();
      map.current = undefined;
    };
  }, []);

  useEffect(() => {
    const current = map.current;
    if (!current) return;
    let alive = true;
    whenLoaded(current, () => {
      void communeContours(key ? key.split(',') : []).then((contours) => {
        if (alive) showCommunes(current, contours.features, 24);
      });
    });
    return () => {
      alive = false;
    };
  }, [key]);

  return <div ref={container} className="territory-map" data-testid="territory-map" />;
}
