import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gzipSize, INITIAL_JS_BUDGET, initialChunks, lazyChunks, readManifest } from './initial-js.js';

// turbo builds the portal before its tests (apps/portal/turbo.json); run alone, `vite build` first.
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const built = existsSync(join(dist, '.vite/manifest.json'));
if (!built)
  console.log('[budget] dist/.vite/manifest.json absent : lancez `pnpm exec vite build` dans apps/portal.');

/** maplibre's code names its canvas with this class (comments and names are minified away). */
const isMaplibre = (file: string) => readFileSync(join(dist, file), 'utf8').includes('maplibregl-canvas');

describe.skipIf(!built)('the built portal', () => {
  const manifest = built ? readManifest(dist) : {};

  it(`loads at most ${INITIAL_JS_BUDGET / 1024} kB of gzipped JavaScript before the first page runs`, () => {
    const sizes = initialChunks(manifest).map((chunk) => ({
      file: chunk.file,
      gzip: gzipSize(join(dist, chunk.file)),
    }));
    const total = sizes.reduce((sum, chunk) => sum + chunk.gzip, 0);
    console.log(`[budget] JavaScript initial : ${(total / 1024).toFixed(1)} kB gzip`, sizes);
    expect(sizes.length).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(INITIAL_JS_BUDGET);
  });

  it('leaves maplibre out of the first page, to a chunk loaded with the map', () => {
    expect(initialChunks(manifest).filter((chunk) => isMaplibre(chunk.file))).toEqual([]);
    expect(lazyChunks(manifest).some((chunk) => isMaplibre(chunk.file))).toBe(true);
  });
});
