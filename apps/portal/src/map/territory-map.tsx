import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, LngLatBoundsLike, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { bboxOf, outerEdges } from '../geo.js';
import { createMap, FRANCE } from './create-map.js';
import { communeContours, EMPTY, fetchGeoJson, offersPath } from './geo-api.js';
import { OVERLAY_COLORS } from './overlay-style.js';
import type { TerritoryMapProps } from './types.js';

function addTerritoryLayers(map: MapLibreMap): void {
  map.addSource('territory', { type: 'geojson', data: EMPTY });
  map.addSource('territory-border', { type: 'geojson', data: EMPTY });
  map.addSource('linked-offers', { type: 'geojson', data: EMPTY });
  map.addLayer({
    id: 'territory-fill',
    type: 'fill',
    source: 'territory',
    paint: { 'fill-color': OVERLAY_COLORS.territory, 'fill-opacity': 0.1 },
  });
  map.addLayer({
    id: 'territory-border',
    type: 'line',
    source: 'territory-border',
    paint: { 'line-color': OVERLAY_COLORS.territory, 'line-width': 2.5 },
  });
  map.addLayer({
    id: 'linked-offers',
    type: 'circle',
    source: 'linked-offers',
    paint: {
      'circle-color': OVERLAY_COLORS.selected,
      'circle-radius': 7,
      'circle-stroke-color': OVERLAY_COLORS.halo,
      'circle-stroke-width': 2,
    },
  });
}

/** The offers among all the map's points that the contract's actions produced. */
async function linkedOffers(offerIds: string[]): Promise<FeatureCollection> {
  if (offerIds.length === 0) return EMPTY;
  const all = await fetchGeoJson(offersPath([]));
  return {
    ...all,
    features: all.features.filter((offer) => offerIds.includes(String(offer.properties?.id))),
  };
}

/** A contract's territory (its communes) and the offers its actions produced, fitted to the territory. */
export default function TerritoryMap({ communes, offerIds }: TerritoryMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const communesKey = communes.join(',');
  const offersKey = offerIds.join(',');
  // A map that cannot start (no WebGL) is thrown again while rendering: the error boundary around says so.
  const [failure, setFailure] = useState<unknown>(null);
  if (failure) throw failure;

  useEffect(() => {
    if (!container.current) return;
    const territory = communeContours(communesKey ? communesKey.split(',') : []);
    const offers = linkedOffers(offersKey ? offersKey.split(',') : []);
    let alive = true;
    let created: MapLibreMap | undefined;
    createMap(container.current, { title: 'Carte du territoire du contrat', bounds: FRANCE }).then(
      (map) => {
        created = map;
        if (!alive) return map.remove();
        map.once('load', async () => {
          addTerritoryLayers(map);
          const [contours, points] = await Promise.all([territory, offers]);
          if (!alive) return;
          map.getSource<GeoJSONSource>('territory')?.setData(contours);
          map
            .getSource<GeoJSONSource>('territory-border')
            ?.setData({ type: 'MultiLineString', coordinates: outerEdges(contours.features) });
          map.getSource<GeoJSONSource>('linked-offers')?.setData(points);
          const bounds = bboxOf(contours.features);
          if (bounds) map.fitBounds(bounds as LngLatBoundsLike, { padding: 24, animate: false });
        });
      },
      (error: unknown) => alive && setFailure(error),
    );
    return () => {
      alive = false;
      created?.remove();
    };
  }, [communesKey, offersKey]);

  return <div ref={container} className="map map--territory" data-testid="territory-map" />;
}
