import { useEffect } from 'react';
import { communeContours, showCommunes, useCommunesMap, whenLoaded } from '../shared/communes-map.js';

/*
 * The territory being drawn up, on the platform's own data: no tile server, as
 * on the portal. The portal's basemap (world-atlas, commune borders by zoom) is
 * richer; this map only has to show which communes the contract covers.
 */
export default function TerritoryMap({ communes }: { communes: string[] }) {
  const { container, map } = useCommunesMap({
    title: 'Carte des communes du territoire',
    colour: '#000091',
    opacity: 0.25,
    maxZoom: 14,
  });
  const key = [...communes].sort().join(',');

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
