import type { StyleSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { absoluteStyleUrls, isMapStyle } from './style-urls.js';

const STYLE_URL = 'https://tiles.example.fr/styles/plan/style.json';

describe('isMapStyle', () => {
  it('accepts a version 8 style with sources and layers, nothing else', () => {
    expect(isMapStyle({ version: 8, sources: {}, layers: [] })).toBe(true);
    expect(isMapStyle({ version: 7, sources: {}, layers: [] })).toBe(false);
    expect(isMapStyle({ version: 8, layers: [] })).toBe(false);
    expect(isMapStyle('<html>')).toBe(false);
    expect(isMapStyle(null)).toBe(false);
  });
});

describe('absoluteStyleUrls', () => {
  it('resolves relative URLs against the style, keeping placeholders and absolute URLs', () => {
    const style: StyleSpecification = {
      version: 8,
      glyphs: '../fonts/{fontstack}/{range}.pbf',
      sprite: 'sprites/plan',
      sources: {
        plan: { type: 'vector', url: 'https://data.geopf.fr/tms/1.0.0/PLAN.IGN/metadata.json' },
        raster: { type: 'raster', tiles: ['/tiles/{z}/{x}/{y}.png'] },
        points: { type: 'geojson', data: 'points.geojson' },
      },
      layers: [],
    };
    expect(absoluteStyleUrls(style, STYLE_URL)).toEqual({
      version: 8,
      glyphs: 'https://tiles.example.fr/styles/fonts/{fontstack}/{range}.pbf',
      sprite: 'https://tiles.example.fr/styles/plan/sprites/plan',
      sources: {
        plan: { type: 'vector', url: 'https://data.geopf.fr/tms/1.0.0/PLAN.IGN/metadata.json' },
        raster: { type: 'raster', tiles: ['https://tiles.example.fr/tiles/{z}/{x}/{y}.png'] },
        points: { type: 'geojson', data: 'https://tiles.example.fr/styles/plan/points.geojson' },
      },
      layers: [],
    });
  });

  it('resolves each sprite of a list', () => {
    const style: StyleSpecification = {
      version: 8,
      sprite: [{ id: 'default', url: 'sprite' }],
      sources: {},
      layers: [],
    };
    expect(absoluteStyleUrls(style, STYLE_URL).sprite).toEqual([
      { id: 'default', url: 'https://tiles.example.fr/styles/plan/sprite' },
    ]);
  });
});
