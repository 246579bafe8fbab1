import type { Feature, FeatureCollection } from 'geojson';
import type { GeoJSONSource, MapLayerMouseEvent, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { circleBbox, circleRing, normalizeBbox, outerEdges } from '../geo.js';
import { showClusterCounts } from './cluster-counts.js';
import { createMap, FRANCE } from './create-map.js';
import { apiUrl, communeContours, EMPTY, offersPath } from './geo-api.js';
import { OVERLAY_COLORS } from './overlay-style.js';
import type { CoverageArea, OfferMapProps, OfferPoint } from './types.js';

type Callbacks = Pick<OfferMapProps, 'onHover' | 'onSelect' | 'onViewChange'>;

/** The search's layers: CPTS areas, the searched circle, offers clustered at low zoom, the hovered and chosen ones. */
function addOfferLayers(
  map: MapLibreMap,
  source: { kinds: readonly string[]; date: string | null },
  callbacks: { current: Callbacks },
): void {
  map.addSource('areas', { type: 'geojson', data: EMPTY });
  map.addSource('circle', { type: 'geojson', data: EMPTY });
  map.addSource('offers', {
    type: 'geojson',
    data: apiUrl(offersPath(source.kinds, source.date)),
    // Clustered only when zoomed out: at a search's zoom (a radius of 5 to 20 km) each offer is its own point.
    cluster: true,
    clusterRadius: 36,
    clusterMaxZoom: 8,
  });
  map.addSource('highlights', { type: 'geojson', data: EMPTY });
  map.addLayer({
    id: 'areas-fill',
    type: 'fill',
    source: 'areas',
    filter: ['!', ['has', 'outline']],
    // A CPTS often covers every commune around: a light tint, darker once chosen.
    paint: { 'fill-color': OVERLAY_COLORS.area, 'fill-opacity': ['case', ['get', 'selected'], 0.2, 0.07] },
  });
  map.addLayer({
    id: 'areas-line',
    type: 'line',
    source: 'areas',
    filter: ['has', 'outline'],
    paint: { 'line-color': OVERLAY_COLORS.area, 'line-width': ['case', ['get', 'selected'], 2.5, 1] },
  });
  map.addLayer({
    id: 'circle-line',
    type: 'line',
    source: 'circle',
    paint: { 'line-color': OVERLAY_COLORS.offer, 'line-width': 1.5, 'line-dasharray': [3, 2] },
  });
  map.addLayer({
    id: 'circle-center',
    type: 'circle',
    source: 'circle',
    filter: ['==', ['geometry-type'], 'Point'],
    paint: {
      'circle-color': OVERLAY_COLORS.halo,
      'circle-radius': 6,
      'circle-stroke-color': OVERLAY_COLORS.place,
      'circle-stroke-width': 3,
    },
  });
  map.addLayer({
    id: 'offer-clusters',
    type: 'circle',
    source: 'offers',
    filter: ['has', 'point_count'],
    paint: {
      'circle-color': OVERLAY_COLORS.offer,
      'circle-opacity': 0.85,
      'circle-radius': ['step', ['get', 'point_count'], 14, 10, 18, 50, 24],
      'circle-stroke-color': OVERLAY_COLORS.halo,
      'circle-stroke-width': 2,
    },
  });
  map.addLayer({
    id: 'offer-points',
    type: 'circle',
    source: 'offers',
    filter: ['!', ['has', 'point_count']],
    paint: {
      'circle-color': OVERLAY_COLORS.offer,
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 5, 14, 8],
      'circle-stroke-color': OVERLAY_COLORS.halo,
      'circle-stroke-width': 1.5,
    },
  });
  map.addLayer({
    id: 'highlights',
    type: 'circle',
    source: 'highlights',
    paint: {
      'circle-color': ['case', ['get', 'selected'], OVERLAY_COLORS.selected, OVERLAY_COLORS.offer],
      'circle-radius': 9,
      'circle-stroke-color': ['case', ['get', 'selected'], OVERLAY_COLORS.halo, OVERLAY_COLORS.selected],
      'circle-stroke-width': 3,
    },
  });
  showClusterCounts(map, 'offers');

  const offerId = (event: MapLayerMouseEvent) => {
    const id = event.features?.[0]?.properties.id;
    return typeof id === 'string' ? id : null;
  };
  map.on('mousemove', 'offer-points', (event) => {
    map.getCanvas().style.cursor = 'pointer';
    callbacks.current.onHover(offerId(event));
  });
  map.on('mouseleave', 'offer-points', () => {
    map.getCanvas().style.cursor = '';
    callbacks.current.onHover(null);
  });
  map.on('click', 'offer-points', (event) => {
    const id = offerId(event);
    if (id) callbacks.current.onSelect(id);
  });
  map.on('click', 'offer-clusters', async (event) => {
    const cluster = event.features?.[0];
    if (cluster?.geometry.type !== 'Point') return;
    const zoom = await map
      .getSource<GeoJSONSource>('offers')
      ?.getClusterExpansionZoom(Number(cluster.properties.cluster_id));
    map.easeTo({ center: cluster.geometry.coordinates as [number, number], zoom }, { originalEvent: event });
  });
  // Only the person's moves carry the input event that caused them; the map's own fitting does not.
  map.on('moveend', (event) => {
    if (!event.originalEvent) return;
    const bounds = map.getBounds();
    const center = map.getCenter();
    callbacks.current.onViewChange({
      bbox: normalizeBbox([bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()]),
      center: { lon: center.lng, lat: center.lat },
    });
  });
}

/** Each area's communes and outer border, tagged with the CPTS they belong to and whether it is the chosen one. */
async function areaFeatures(areas: CoverageArea[], selectedId: string | null): Promise<FeatureCollection> {
  const contours = await communeContours([...new Set(areas.flatMap((area) => area.communes))]);
  const byInsee = new Map(contours.features.map((commune) => [String(commune.properties?.insee), commune]));
  const features: Feature[] = areas.flatMap((area) => {
    const properties = { offerId: area.offerId, selected: area.offerId === selectedId };
    const communes = area.communes.flatMap((insee) => {
      const commune = byInsee.get(insee);
      return commune ? [{ ...commune, properties }] : [];
    });
    const border: Feature = {
      type: 'Feature',
      properties: { ...properties, outline: true },
      geometry: { type: 'MultiLineString', coordinates: outerEdges(communes) },
    };
    return [...communes, border];
  });
  return { type: 'FeatureCollection', features };
}

const pointFeature = (point: OfferPoint, selected: boolean): Feature => ({
  type: 'Feature',
  properties: { id: point.id, selected },
  geometry: { type: 'Point', coordinates: [point.lon, point.lat] },
});

/**
 * The search's map (loaded lazily with maplibre): every offer of the chosen
 * kinds, clustered when zoomed out; the list's hovered and chosen offers
 * highlighted; moving it tells the page, which searches the view.
 */
export default function OfferMap(props: OfferMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  // The latest props, for the map's event handlers and its creation.
  const latest = useRef(props);
  latest.current = props;

  // A map that cannot start (no WebGL) is thrown again while rendering: the error boundary around says so.
  const [failure, setFailure] = useState<unknown>(null);
  if (failure) throw failure;

  useEffect(() => {
    if (!container.current) return;
    const { kinds, date, circle } = latest.current;
    let alive = true;
    let created: MapLibreMap | undefined;
    createMap(container.current, {
      title: 'Carte des offres de santé',
      bounds: circle ? circleBbox(circle.center, circle.radiusKm) : FRANCE,
    }).then(
      (map) => {
        created = map;
        if (!alive) return map.remove();
        map.once('load', () => {
          addOfferLayers(map, { kinds, date }, latest);
          setMap(map);
        });
      },
      (error: unknown) => alive && setFailure(error),
    );
    return () => {
      alive = false;
      created?.remove();
    };
  }, []);

  // The effects below run when what they draw changes, compared by value (props are rebuilt on each render).
  const kindsKey = props.kinds.join(',');
  const date = props.date;
  useEffect(() => {
    map
      ?.getSource<GeoJSONSource>('offers')
      ?.setData(apiUrl(offersPath(kindsKey ? kindsKey.split(',') : [], date)));
  }, [map, kindsKey, date]);

  const circleKey = JSON.stringify(props.circle);
  useEffect(() => {
    const circle = JSON.parse(circleKey) as OfferMapProps['circle'];
    const source = map?.getSource<GeoJSONSource>('circle');
    if (!map || !source) return;
    if (!circle) {
      source.setData(EMPTY);
      return;
    }
    source.setData({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: {},
          geometry: { type: 'Polygon', coordinates: [circleRing(circle.center, circle.radiusKm)] },
        },
        // The searched place itself: where distances are measured from.
        {
          type: 'Feature',
          properties: {},
          geometry: { type: 'Point', coordinates: [circle.center.lon, circle.center.lat] },
        },
      ],
    });
    map.fitBounds(circleBbox(circle.center, circle.radiusKm), { padding: 24 });
  }, [map, circleKey]);

  const selectedId = props.selected?.id ?? null;
  const areasKey = JSON.stringify(props.areas);
  useEffect(() => {
    if (!map) return;
    let current = true;
    areaFeatures(JSON.parse(areasKey) as CoverageArea[], selectedId).then((features) => {
      if (current) map.getSource<GeoJSONSource>('areas')?.setData(features);
    });
    return () => {
      current = false;
    };
  }, [map, areasKey, selectedId]);

  const highlightsKey = JSON.stringify([props.hovered, props.selected]);
  useEffect(() => {
    const [hovered, selected] = JSON.parse(highlightsKey) as [OfferPoint | null, OfferPoint | null];
    const features = [
      ...(hovered && hovered.id !== selected?.id ? [pointFeature(hovered, false)] : []),
      ...(selected ? [pointFeature(selected, true)] : []),
    ];
    map?.getSource<GeoJSONSource>('highlights')?.setData({ type: 'FeatureCollection', features });
  }, [map, highlightsKey]);

  // The chosen offer is centred (chosen from the list, it may be off the map); a move the
  // platform makes is not the resident's, so the list stays as it is (see moveend).
  const selectedLon = props.selected?.lon;
  const selectedLat = props.selected?.lat;
  useEffect(() => {
    if (!map || selectedLon === undefined || selectedLat === undefined) return;
    map.easeTo({ center: [selectedLon, selectedLat] });
  }, [map, selectedLon, selectedLat]);

  // Where the map looks, written on its element once it stops: what tests and tools can read.
  useEffect(() => {
    if (!map) return;
    const showCentre = () => {
      const { lng, lat } = map.getCenter();
      container.current?.setAttribute('data-center', `${lng.toFixed(5)},${lat.toFixed(5)}`);
    };
    showCentre();
    map.on('moveend', showCentre);
    return () => {
      map.off('moveend', showCentre);
    };
  }, [map]);

  return <div ref={container} className="map" data-testid="offer-map" />;
}
