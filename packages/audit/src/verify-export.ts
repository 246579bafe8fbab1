#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import { verifyExportCommand } from './verify-export-command.js';

/** `node packages/audit/dist/verify-export.js <file.ndjson | ->`: exit code 0 when the log is intact, 1 otherwise. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

process.exitCode = await verifyExportCommand(process.argv.slice(2), {
  readFile: (path) => readFile(path, 'utf8'),
  readStdin,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
