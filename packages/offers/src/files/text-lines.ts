import { createReadStream } from 'node:fs';
import { unreadableFile } from './unreadable.js';

/** The encodings the importers read: UTF-8, or Latin-1 as the national files are published. */
export type TextEncoding = 'utf-8' | 'latin1';

export interface TextLine {
  /** 1-based number of the line in the file. */
  line: number;
  /** The line without its end (`\n` or `\r\n`) and, on line 1, without the BOM. */
  text: string;
  /** Set when the line was longer than `maxLineChars`: `text` holds only its beginning. */
  truncated?: true;
}

export interface ReadTextLinesOptions {
  /**
   * A longer line is cut (and flagged `truncated`) rather than held whole, so that a file without
   * line ends cannot fill the memory. 1 Mi characters by default: a FINESS or RPPS line is < 2 000.
   */
  maxLineChars?: number;
  /** Bytes read at a time (64 KiB by default). */
  chunkBytes?: number;
  /** Called after each chunk with the bytes read so far (for a progress bar against the file's size). */
  onBytes?: (bytesRead: number) => void;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/** Whether the bytes open with the UTF-8 byte order mark. */
export const startsWithBom = (bytes: Uint8Array): boolean =>
  bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2];

/**
 * The lines of a text file, read as a stream: only one chunk and the line being read are held,
 * whatever the size of the file (the national RPPS file is 800 MB). The BOM is dropped, `\r\n`
 * and `\n` both end a line, an empty last line after the final line end is not given.
 * `latin1` decodes as Windows-1252, its superset, the way the WHATWG encoding standard reads it.
 */
export async function* readTextLines(
  path: string,
  encoding: TextEncoding,
  options: ReadTextLinesOptions = {},
): AsyncIterable<TextLine> {
  const maxLineChars = options.maxLineChars ?? 1024 * 1024;
  const decoder = new TextDecoder(encoding === 'utf-8' ? 'utf-8' : 'windows-1252', { ignoreBOM: true });
  const stream = createReadStream(path, { highWaterMark: options.chunkBytes ?? 64 * 1024 });
  let pending = '';
  let truncated = false;
  let line = 1;
  let first = true;
  let bytesRead = 0;

  function* split(text: string, final: boolean): Generator<TextLine> {
    let start = 0;
    for (;;) {
      const end = text.indexOf('\n', start);
      if (end === -1) break;
      const piece = text.slice(start, end);
      start = end + 1;
      yield lineOf(truncated ? pending : pending + piece);
    }
    const rest = text.slice(start);
    if (!truncated) {
      pending += rest;
      if (pending.length > maxLineChars) {
        pending = pending.slice(0, maxLineChars);
        truncated = true;
      }
    }
    if (final && (pending !== '' || truncated)) yield lineOf(pending);
  }

  function lineOf(raw: string): TextLine {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const result: TextLine =
      truncated || text.length > maxLineChars
        ? { line, text: text.slice(0, maxLineChars), truncated: true }
        : { line, text };
    line += 1;
    pending = '';
    truncated = false;
    return result;
  }

  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytesRead += chunk.length;
      options.onBytes?.(bytesRead);
      let bytes: Uint8Array = chunk;
      if (first) {
        first = false;
        if (startsWithBom(bytes)) bytes = bytes.subarray(3);
      }
      yield* split(decoder.decode(bytes, { stream: true }), false);
    }
    yield* split(decoder.decode(), true);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code) throw new Error(unreadableFile(path, error), { cause: error });
    throw error;
  } finally {
    stream.destroy();
  }
}
