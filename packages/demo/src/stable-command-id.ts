import { createHash } from 'node:crypto';

/** Same key, same UUID (version-8 layout from sha256): commands replayed with it run once. */
export function stableCommandId(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
