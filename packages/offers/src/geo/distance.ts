/** Mean Earth radius (IUGG), in km: the one radius every distance of this package uses. */
export const EARTH_RADIUS_KM = 6371.0088;

export interface LonLat {
  lon: number;
  lat: number;
}

const RADIANS = Math.PI / 180;

/** Great-circle distance between two WGS84 points, in km (haversine formula on a sphere). */
export function haversineKm(a: LonLat, b: LonLat): number {
  const sinHalfLat = Math.sin(((b.lat - a.lat) * RADIANS) / 2);
  const sinHalfLon = Math.sin(((b.lon - a.lon) * RADIANS) / 2);
  const h =
    sinHalfLat * sinHalfLat + Math.cos(a.lat * RADIANS) * Math.cos(b.lat * RADIANS) * sinHalfLon * sinHalfLon;
  // Rounding can push h a hair above 1 for antipodal points, where asin would return NaN.
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(Math.min(1, h)));
}
