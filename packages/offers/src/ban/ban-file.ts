import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { BanAddressIndex, type BanReadSummary, readBanAddresses } from './ban-addresses.js';

/** Whether the file starts with gzip's magic bytes (1f 8b): `adresses-34.csv.gz` as downloaded. */
async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/**
 * The lines of a BAN file, gzip-compressed or not, streamed (a department's file is tens of MB
 * compressed): 1-based line numbers, CRLF handled. The BAN writes UTF-8.
 */
export async function* banFileLines(path: string): AsyncGenerator<{ line: number; text: string }> {
  const gzip = await isGzip(path);
  const source = createReadStream(path);
  const stream = gzip ? source.pipe(createGunzip()) : source;
  source.on('error', (error) => stream.destroy(error));
  const lines = createInterface({ input: stream.setEncoding('utf8'), crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    yield { line, text };
  }
}

/** The BAN addresses of the given communes, from one or more `adresses-<département>.csv.gz`. */
export interface BanAddresses {
  index: BanAddressIndex;
  files: BanReadSummary[];
}

/**
 * Reads every BAN file given (`--addresses`, several times for several departments) and keeps
 * the addresses of `communes` only. A missing or unreadable file, or one that is not a BAN file,
 * throws a French error naming it.
 */
export async function loadBanAddresses(
  paths: readonly string[],
  communes: Iterable<string>,
): Promise<BanAddresses> {
  const index = new BanAddressIndex(communes);
  const files: BanReadSummary[] = [];
  for (const path of paths) {
    try {
      files.push(await readBanAddresses(path, banFileLines(path), index));
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('Fichier d’adresses BAN')) throw error;
      const why = error instanceof Error ? error.message : String(error);
      throw new Error(`Fichier d’adresses BAN ${path} illisible : ${why}`);
    }
  }
  return { index, files };
}
