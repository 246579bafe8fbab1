import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EnvSchema } from '@cls/api-host/config';
import { describe, expect, it } from 'vitest';
import { finalStage } from './dockerfile.js';
import { build, readDocuments } from './kustomize.js';

const repository = fileURLToPath(new URL('../../../', import.meta.url));
const read = (path: string) => readFileSync(join(repository, path), 'utf8');

interface Service {
  image: string;
  read_only?: boolean;
  user?: string;
  cap_drop?: string[];
  tmpfs?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }> | string[];
}
/** YAML 1.1 merge keys (`<<: *anchor`), which compose reads and js-yaml 5 leaves as they are. */
function merged(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(merged);
  if (typeof node !== 'object' || node === null) return node;
  const { '<<': base, ...own } = node as Record<string, unknown>;
  const bases = (Array.isArray(base) ? base : base ? [base] : []).map(merged) as Record<string, unknown>[];
  return Object.assign(
    {},
    ...bases,
    Object.fromEntries(Object.entries(own).map(([key, value]) => [key, merged(value)])),
  );
}

const [compose] = readDocuments(join(repository, 'infra/compose/compose.yaml')).map(merged) as {
  services: Record<string, Service>;
}[];
if (!compose) throw new Error('infra/compose/compose.yaml is empty');
const { services } = compose;
const replicas = ['api-1', 'api-2', 'api-3'];
const image = finalStage(read('infra/image/Dockerfile'));

/** The default of a `${NAME:-default}` value, the value itself when it is literal. */
const byDefault = (value: string | undefined) => /^\$\{\w+:-([^}]*)\}$/.exec(value ?? '')?.[1] ?? value;

/** The image the Kubernetes base runs for a container name. */
const k8sImage = (kind: string, name: string) => {
  const found = build(join(repository, 'infra/k8s/overlays/postgres')).find(
    ({ manifest }) => manifest.kind === kind && manifest.metadata.name === name,
  )?.manifest as { spec: { template: { spec: { containers: { image: string }[] } } } } | undefined;
  return found?.spec.template.spec.containers[0]?.image;
};

describe('infra/compose: the three-replica topology without Kubernetes', () => {
  it('runs three replicas of the image Kubernetes runs, and the PostgreSQL it runs', () => {
    for (const name of replicas)
      expect(byDefault(services[name]?.image)).toBe(k8sImage('Deployment', 'cls-api'));
    expect(byDefault(services.postgres?.image)).toBe(k8sImage('StatefulSet', 'postgres'));
  });

  it.each(replicas)(
    'locks %s down as the image expects: read-only, its user, a /tmp, no capability',
    (name) => {
      const service = services[name];
      expect(service?.read_only).toBe(true);
      expect(service?.user).toBe(image.user);
      expect(service?.cap_drop).toEqual(['ALL']);
      expect(service?.tmpfs?.some((mount) => mount.split(':')[0] === '/tmp')).toBe(true);
    },
  );

  it.each(replicas)(
    'gives %s only variables apps/api reads, and the demo to the first replica only',
    (name) => {
      const environment = services[name]?.environment ?? {};
      const known = new Set(Object.keys(EnvSchema.shape));
      expect(Object.keys(environment).filter((variable) => !known.has(variable))).toEqual([]);
      expect(environment.DATABASE_URL).toMatch(
        /^postgres:\/\/cls:\$\{POSTGRES_PASSWORD:\?[^}]+\}@postgres:5432\/cls$/,
      );
      expect(byDefault(environment.DEMO)).toBe('false');
      if (name !== 'api-1') expect(environment.DEMO).toBe('false');
      expect(environment.TRUST_PROXY).toBe('1');
    },
  );

  it('starts the replicas once PostgreSQL is healthy, the others after the first (which may load the demo)', () => {
    for (const name of replicas)
      expect(services[name]?.depends_on).toMatchObject({ postgres: { condition: 'service_healthy' } });
    for (const name of ['api-2', 'api-3'])
      expect(services[name]?.depends_on).toMatchObject({ 'api-1': { condition: 'service_healthy' } });
  });

  it('puts the three replicas behind one address, on the port the image exposes', () => {
    const upstreams = [...read('infra/compose/nginx.conf').matchAll(/^\s*server\s+([\w-]+):(\d+)/gm)];
    expect(upstreams.map(([, host]) => host)).toEqual(replicas);
    expect(new Set(upstreams.map(([, , port]) => port))).toEqual(new Set(image.expose));
  });
});
