import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EnvSchema } from '@cls/api-host/config';
import { describe, expect, it } from 'vitest';
import { finalStage, stagesOf } from './dockerfile.js';
import { healthPath, imageProblems } from './image.js';
import { build } from './kustomize.js';

const repository = fileURLToPath(new URL('../../../', import.meta.url));
const read = (path: string) => readFileSync(join(repository, path), 'utf8');
const expected = {
  version: (JSON.parse(read('apps/api/package.json')) as { version: string }).version,
  license: (JSON.parse(read('package.json')) as { license: string }).license,
};
const known = new Set(Object.keys(EnvSchema.shape));
const deploymentOf = (overlay: string) => {
  const found = build(join(repository, 'infra/k8s/overlays', overlay)).find(
    ({ manifest }) => manifest.kind === 'Deployment' && manifest.metadata.name === 'cls-api',
  );
  if (!found) throw new Error(`no Deployment cls-api in ${overlay}`);
  return found.manifest;
};

describe('infra/image/Dockerfile and the manifests that run it', () => {
  const image = finalStage(read('infra/image/Dockerfile'));

  it.each(['postgres', 'kurrentdb'])(
    'agrees with the %s overlay on user, port, health, command, read-only needs, tag and labels',
    (overlay) => {
      expect(imageProblems(image, deploymentOf(overlay), expected, known)).toEqual([]);
    },
  );

  it('builds in stages and runs as UID 10001 what the Deployment runs', () => {
    expect(stagesOf(read('infra/image/Dockerfile')).length).toBe(2);
    expect(image.user).toBe('10001:10001');
    expect(image.cmd).toEqual(['node', 'apps/api/dist/main.js']);
    expect(image.labels.get('org.opencontainers.image.licenses')).toBe('AGPL-3.0-or-later');
  });

  it('keeps out of its build context what a checkout builds or keeps locally', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['**/node_modules', '**/dist', '.data', '.tools', '.git'])
      expect(ignored).toContain(entry);
  });
});

describe('the image checks, on a deliberately broken Dockerfile', () => {
  const broken = finalStage(
    readFileSync(fileURLToPath(new URL('../fixtures/broken-image/Dockerfile', import.meta.url)), 'utf8'),
  );
  const problems = imageProblems(broken, deploymentOf('postgres'), expected, known).join('\n');

  it.each([
    'USER root is not a numeric non-root uid',
    'EXPOSE 8080 but containerPort 3000',
    'ENV PORT=8080 but containerPort 3000',
    'HEALTHCHECK asks /health but the readinessProbe asks /healthz',
    'CMD is not in exec form',
    'ENV DATA_DIR=/var/lib/cls is not under /tmp',
    'ENV HOME=undefined is not under /tmp',
    'ENV DATABASE_URI is not read by apps/api',
    'ENV NODE_ENV=development, expected production',
    'ENV DEMO=undefined, expected false',
    'ARG VERSION=9.9.9 but apps/api is',
    'licence label MIT, expected AGPL-3.0-or-later',
    'no org.opencontainers.image.source label',
  ])('reports: %s', (problem) => {
    expect(problems).toContain(problem);
  });

  it('reads the final stage only, and the path a health command asks for', () => {
    expect(
      stagesOf('ARG A=1\nFROM a\nUSER 1\nFROM b\n# USER 2\nRUN x \\\n  # a comment\n  y').map(
        (s) => s.length,
      ),
    ).toEqual([2, 2]);
    expect(healthPath(['node', '-e', 'fetch("http://127.0.0.1:3000/healthz")'])).toBe('/healthz');
  });
});
