#!/usr/bin/env node
// `node infra/image/fetch-pnpm.mjs <folder>`: installs the pnpm that package.json pins
// (`packageManager`) into <folder>, with Node alone: no npm, no corepack (a base image may
// carry Node only, and corepack's signature check fails behind some proxies). The tarball's
// sha512 is checked against the registry's `dist.integrity` before anything is unpacked.
// NPM_CONFIG_REGISTRY overrides the registry; NODE_EXTRA_CA_CERTS names a proxy's CA.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const folder = process.argv[2];
if (!folder) fail('usage : node infra/image/fetch-pnpm.mjs <dossier>');

const rootPackage = fileURLToPath(new URL('../../package.json', import.meta.url));
const pinned = /^pnpm@(\d+\.\d+\.\d+)$/.exec(
  JSON.parse(readFileSync(rootPackage, 'utf8')).packageManager ?? '',
);
if (!pinned) fail(`${rootPackage} : packageManager doit être « pnpm@x.y.z »`);
const version = pinned[1];
const registry = (process.env.NPM_CONFIG_REGISTRY ?? 'https://registry.npmjs.org').replace(/\/$/, '');

const metadata = await get(`${registry}/pnpm/${version}`).then((response) => response.json());
const integrity = /^sha512-(.+)$/.exec(metadata?.dist?.integrity ?? '');
if (!integrity || !metadata.dist.tarball)
  fail(`pnpm ${version} : pas de tarball signé par sha512 sur ${registry}`);
const tarball = Buffer.from(await (await get(metadata.dist.tarball)).arrayBuffer());
const digest = createHash('sha512').update(tarball).digest('base64');
if (digest !== integrity[1]) fail(`pnpm ${version} : empreinte sha512 inattendue (${digest})`);

mkdirSync(folder, { recursive: true });
const untar = spawnSync('tar', ['-xz', '-C', folder, '--strip-components=1'], { input: tarball });
if (untar.status !== 0) fail(`pnpm ${version} : décompression impossible (${untar.stderr})`);
console.log(`pnpm ${version} installé dans ${folder} (${join(folder, 'bin', 'pnpm.cjs')})`);

async function get(url) {
  const response = await fetch(url).catch((error) =>
    fail(`${url} : ${error.cause?.message ?? error.message}`),
  );
  if (!response.ok) fail(`${url} : HTTP ${response.status}`);
  return response;
}

function fail(message) {
  console.error(message);
  process.exit(1);
}
