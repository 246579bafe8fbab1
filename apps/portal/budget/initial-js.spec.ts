import { describe, expect, it } from 'vitest';
import { initialChunks, lazyChunks, type Manifest } from './initial-js.js';

// The shape of Vite's manifest for an entry, a shared vendor chunk and a lazily loaded map.
const manifest: Manifest = {
  'index.html': {
    file: 'assets/index.js',
    isEntry: true,
    imports: ['_vendor.js'],
    dynamicImports: ['src/map.tsx'],
  },
  '_vendor.js': { file: 'assets/vendor.js', imports: ['_runtime.js'] },
  '_runtime.js': { file: 'assets/runtime.js' },
  'src/map.tsx': {
    file: 'assets/map.js',
    isDynamicEntry: true,
    imports: ['index.html', '_maplibre.js'],
  },
  '_maplibre.js': { file: 'assets/maplibre.js', name: 'maplibre' },
};

describe('which chunks the first page loads', () => {
  it('is the entry and its static imports, transitively, not what it imports dynamically', () => {
    expect(initialChunks(manifest).map((chunk) => chunk.file)).toEqual([
      'assets/index.js',
      'assets/vendor.js',
      'assets/runtime.js',
    ]);
  });

  it('tells the lazy chunks apart, with their own imports', () => {
    expect(lazyChunks(manifest).map((chunk) => chunk.file)).toEqual(['assets/map.js', 'assets/maplibre.js']);
  });

  it('refuses a manifest naming an import it does not hold', () => {
    expect(() =>
      initialChunks({ 'index.html': { file: 'assets/index.js', isEntry: true, imports: ['_gone.js'] } }),
    ).toThrow(/_gone\.js/);
  });
});
