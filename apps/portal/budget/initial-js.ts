import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** What the first page may load, gzip, in bytes (issue: ≤ 450 kB). */
export const INITIAL_JS_BUDGET = 450 * 1024;

/** The parts of Vite's `dist/.vite/manifest.json` the budget reads. */
export interface ManifestChunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  /** Loaded by a dynamic import (the map). */
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

/**
 * The scripts the browser loads before the page can run: each entry chunk and
 * what it imports statically, transitively. Dynamic imports (the map) are not.
 */
export function initialChunks(manifest: Manifest): ManifestChunk[] {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`manifeste incohérent : ${key} est importé mais absent`);
    seen.add(key);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  return [...seen].map((key) => manifest[key] as ManifestChunk);
}

/** Chunks loaded only on demand (by a dynamic import somewhere), with what they import in turn. */
export function lazyChunks(manifest: Manifest): ManifestChunk[] {
  const initial = new Set(initialChunks(manifest));
  const seen = new Set<ManifestChunk>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(chunk) || initial.has(chunk)) return;
    seen.add(chunk);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const chunk of Object.values(manifest)) for (const key of chunk.dynamicImports ?? []) visit(key);
  return [...seen];
}

export const gzipSize = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;

export function readManifest(dist: string): Manifest {
  return JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Manifest;
}
