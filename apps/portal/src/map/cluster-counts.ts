import { type GeoJSONFeature, type Map as MapLibreMap, Marker } from 'maplibre-gl';

/**
 * The number of offers on each cluster, as HTML over the map: a text layer would
 * need glyphs from a font server, which the portal does without.
 */
export function showClusterCounts(map: MapLibreMap, sourceId: string): void {
  const markers = new Map<number, Marker>();
  const update = () => {
    if (!map.getSource(sourceId) || !map.isSourceLoaded(sourceId)) return;
    const clusters = map.querySourceFeatures(sourceId, {
      filter: ['has', 'point_count'],
    }) as GeoJSONFeature[];
    const shown = new Set<number>();
    for (const cluster of clusters) {
      const id = Number(cluster.properties.cluster_id);
      shown.add(id);
      if (markers.has(id) || cluster.geometry.type !== 'Point') continue;
      const element = document.createElement('div');
      element.className = 'cluster-count';
      element.setAttribute('aria-hidden', 'true');
      element.textContent = String(cluster.properties.point_count_abbreviated);
      const [lon, lat] = cluster.geometry.coordinates as [number, number];
      markers.set(id, new Marker({ element }).setLngLat([lon, lat]).addTo(map));
    }
    for (const [id, marker] of markers) {
      if (shown.has(id)) continue;
      marker.remove();
      markers.delete(id);
    }
  };
  map.on('render', update);
}
