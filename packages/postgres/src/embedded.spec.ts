import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { folderBarring } from './embedded.js';

describe('folderBarring: the folder on the way that a user may not go through', () => {
  const top = mkdtempSync(join(tmpdir(), 'cls-barring-'));
  const inner = join(top, 'checkout', 'node_modules');
  mkdirSync(inner, { recursive: true });
  const { gid } = statSync(top);
  afterAll(() => rmSync(top, { recursive: true, force: true }));

  it('names a private folder (mktemp -d, mode 700) to a user who is not its owner', () => {
    chmodSync(top, 0o700);
    expect(folderBarring(inner, { uid: 999_999, gids: [] })).toBe(top);
  });

  it('lets through its owner, its group when the group may go through, and anyone when others may', () => {
    chmodSync(top, 0o700);
    expect(folderBarring(inner, { uid: statSync(top).uid, gids: [] })).toBeUndefined();
    chmodSync(top, 0o710);
    expect(folderBarring(inner, { uid: 999_999, gids: [gid] })).toBeUndefined();
    expect(folderBarring(inner, { uid: 999_999, gids: [] })).toBe(top);
    chmodSync(top, 0o711);
    expect(folderBarring(inner, { uid: 999_999, gids: [] })).toBeUndefined();
  });

  it('leaves folders not created yet to whoever creates them', () => {
    chmodSync(top, 0o711);
    expect(folderBarring(join(top, 'pas-encore', 'données'), { uid: 999_999, gids: [] })).toBeUndefined();
  });
});
