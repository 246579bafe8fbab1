import type { OfferKind } from '@cls/domain';
import type { Bbox } from '../geo.js';
import type { Point } from '../search/url-state.js';

/** What the maps take from the pages: no maplibre type here, so that pages stay out of the map's chunk. */

/** The communes a CPTS covers, drawn as its area. */
export interface CoverageArea {
  offerId: string;
  communes: string[];
}

export interface OfferPoint extends Point {
  id: string;
}

/** The part of the world the map shows after the person moved it. */
export interface MapView {
  bbox: Bbox;
  center: Point;
}

export interface OfferMapProps {
  /** The kinds shown (none: every kind), as in the list's filters. */
  kinds: OfferKind[];
  /** A past day: the offers that existed then. */
  date: string | null;
  /** The searched circle: drawn, and the map fits it whenever it changes. */
  circle: { center: Point; radiusKm: number } | null;
  areas: CoverageArea[];
  hovered: OfferPoint | null;
  selected: OfferPoint | null;
  onHover: (offerId: string | null) => void;
  onSelect: (offerId: string) => void;
  /** Only moves made by the person (drag, zoom, keys), not the map's own fitting. */
  onViewChange: (view: MapView) => void;
}

export interface TerritoryMapProps {
  /** INSEE codes of the territory's communes. */
  communes: string[];
  /** Offers linked to the contract's actions, drawn as points. */
  offerIds: string[];
}
