import type { SourceSpecification, StyleSpecification } from 'maplibre-gl';

/** Enough of a MapLibre style to hand it to the map: version 8, sources and layers. */
export function isMapStyle(value: unknown): value is StyleSpecification {
  if (typeof value !== 'object' || value === null) return false;
  const style = value as Partial<Record<keyof StyleSpecification, unknown>>;
  return (
    style.version === 8 &&
    typeof style.sources === 'object' &&
    style.sources !== null &&
    Array.isArray(style.layers)
  );
}

/** A URL of the style made absolute against the style's own, its `{z}`, `{fontstack}`… placeholders kept. */
function absolute(url: string, base: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  return new URL(url, base).href.replaceAll('%7B', '{').replaceAll('%7D', '}');
}

function absoluteSource(source: SourceSpecification, base: string): SourceSpecification {
  const copy = { ...source };
  if ('url' in copy && typeof copy.url === 'string') copy.url = absolute(copy.url, base);
  if ('tiles' in copy && Array.isArray(copy.tiles))
    copy.tiles = copy.tiles.map((tile) => absolute(tile, base));
  if (copy.type === 'geojson' && typeof copy.data === 'string') copy.data = absolute(copy.data, base);
  return copy;
}

/**
 * The style with its relative URLs (sources, tiles, sprite, glyphs) resolved against the URL it
 * was fetched from, as maplibre would have done had it fetched the style itself: the portal
 * fetches it first, to fall back to the offline basemap when it cannot be loaded.
 */
export function absoluteStyleUrls(style: StyleSpecification, styleUrl: string): StyleSpecification {
  const sprite =
    typeof style.sprite === 'string'
      ? absolute(style.sprite, styleUrl)
      : style.sprite?.map((entry) => ({ ...entry, url: absolute(entry.url, styleUrl) }));
  return {
    ...style,
    ...(sprite ? { sprite } : {}),
    ...(style.glyphs ? { glyphs: absolute(style.glyphs, styleUrl) } : {}),
    sources: Object.fromEntries(
      Object.entries(style.sources).map(([id, source]) => [id, absoluteSource(source, styleUrl)]),
    ),
  };
}
