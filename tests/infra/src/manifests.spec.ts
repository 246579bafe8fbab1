import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EnvSchema } from '@cls/api-host/config';
import { describe, expect, it } from 'vitest';
import {
  environmentOf,
  isPinned,
  podSpecOf,
  schemaProblems,
  wiringProblems,
  workloadProblems,
} from './checks.js';
import { build, type Located, readDocuments, strategicMerge } from './kustomize.js';

const repository = fileURLToPath(new URL('../../../', import.meta.url));
const k8s = join(repository, 'infra/k8s');
const overlays = readdirSync(join(k8s, 'overlays')).sort();
const fixture = fileURLToPath(new URL('../fixtures/broken', import.meta.url));

/** Every file under a directory whose name ends in .yaml or .yml. */
function yamlFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Every file a build reads: kustomizations, resources, patches. */
function filesOfBuild(directory: string): Set<string> {
  const files = new Set<string>([join(directory, 'kustomization.yaml')]);
  const [kustomization] = readDocuments(join(directory, 'kustomization.yaml')) as {
    resources?: string[];
    patches?: { path: string }[];
  }[];
  for (const resource of kustomization?.resources ?? []) {
    const path = join(directory, resource);
    if (/\.ya?ml$/.test(path)) files.add(path);
    else for (const file of filesOfBuild(path)) files.add(file);
  }
  for (const patch of kustomization?.patches ?? []) files.add(join(directory, patch.path));
  return files;
}

const API_VARIABLES = new Set(Object.keys(EnvSchema.shape));

/** The API container's environment: names apps/api reads, values its schema accepts. */
function apiEnvironment(objects: Located[]) {
  const deployment = objects.find(
    ({ manifest }) => manifest.kind === 'Deployment' && manifest.metadata.name === 'cls-api',
  );
  const container = deployment && podSpecOf(deployment.manifest)?.containers.find((c) => c.name === 'api');
  if (!container) throw new Error('no Deployment cls-api with a container api');
  const environment = environmentOf(
    container,
    objects.map(({ manifest }) => manifest),
  );
  const unknown = [...environment.keys()].filter((name) => !API_VARIABLES.has(name));
  const parsed = EnvSchema.safeParse(Object.fromEntries(environment));
  const invalid = parsed.success ? [] : parsed.error.issues.map((issue) => String(issue.path[0]));
  return { environment, unknown, invalid };
}

describe('infra/k8s', () => {
  it('has a postgres and a kurrentdb overlay', () => {
    expect(overlays).toEqual(['kurrentdb', 'postgres']);
  });

  it('holds no YAML file that no overlay reads', () => {
    const read = new Set(overlays.flatMap((overlay) => [...filesOfBuild(join(k8s, 'overlays', overlay))]));
    const stray = yamlFiles(k8s).filter((file) => !read.has(file));
    expect(stray.map((file) => relative(repository, file))).toEqual([]);
  });

  describe.each(overlays)('overlay %s', (overlay) => {
    const objects = build(join(k8s, 'overlays', overlay));
    const named = (kind: string, name: string) =>
      objects.find(({ manifest }) => manifest.kind === kind && manifest.metadata.name === name)?.manifest;

    it('builds to objects every one of which its kind’s official schema accepts', async () => {
      expect(objects.length).toBeGreaterThan(10);
      const problems = (await Promise.all(objects.map(schemaProblems))).flat();
      expect(problems).toEqual([]);
    });

    it('puts every namespaced object in the cls namespace', () => {
      const elsewhere = objects.filter(
        ({ manifest }) => manifest.kind !== 'Namespace' && manifest.metadata.namespace !== 'cls',
      );
      expect(elsewhere.map(({ manifest }) => `${manifest.kind} ${manifest.metadata.name}`)).toEqual([]);
    });

    it('gives every container resources, probes, a non-root locked-down context and a pinned image', () => {
      expect(objects.flatMap(workloadProblems)).toEqual([]);
    });

    it('aims every Service, PodDisruptionBudget and HPA at a pod template of the build, and defines each object once', () => {
      expect(wiringProblems(objects)).toEqual([]);
    });

    it('gives the API only variables apps/api reads, with values its schema accepts', () => {
      const { environment, unknown, invalid } = apiEnvironment(objects);
      expect(unknown).toEqual([]);
      expect(invalid).toEqual([]);
      expect(environment.get('HOST')).toBe('0.0.0.0');
      expect(environment.get('NODE_ENV')).toBe('production');
      expect(environment.get('DEMO')).toBe('false');
      expect(environment.get('DATABASE_URL')).toMatch(/^postgres(ql)?:\/\//);
      if (overlay === 'kurrentdb')
        expect(environment.get('KURRENTDB_URL')).toMatch(/^kurrentdb\+discover:\/\/.*tls=true/);
      else expect(environment.has('KURRENTDB_URL')).toBe(false);
    });

    it('probes the API on /healthz and runs several replicas, kept by a PodDisruptionBudget and an HPA', () => {
      const deployment = named('Deployment', 'cls-api') as never as {
        spec: {
          replicas: number;
          template: {
            spec: {
              containers: {
                readinessProbe: { httpGet: { path: string } };
                livenessProbe: { httpGet: { path: string } };
              }[];
            };
          };
        };
      };
      const [api] = deployment.spec.template.spec.containers;
      expect(api?.readinessProbe.httpGet.path).toBe('/healthz');
      expect(api?.livenessProbe.httpGet.path).toBe('/healthz');
      const pdb = named('PodDisruptionBudget', 'cls-api') as never as { spec: { minAvailable: number } };
      const hpa = named('HorizontalPodAutoscaler', 'cls-api') as never as { spec: { minReplicas: number } };
      expect(hpa.spec.minReplicas).toBeGreaterThan(pdb.spec.minAvailable);
      expect(deployment.spec.replicas).toBeGreaterThan(pdb.spec.minAvailable);
      const ingress = named('Ingress', 'cls-api') as never as { spec: { tls?: unknown[] } };
      expect(ingress.spec.tls?.length).toBeGreaterThan(0);
    });

    if (overlay === 'kurrentdb')
      it('runs a 3-node KurrentDB cluster discovering itself through its headless Service, on persistent volumes', () => {
        const statefulSet = named('StatefulSet', 'kurrentdb') as never as {
          spec: {
            replicas: number;
            serviceName: string;
            volumeClaimTemplates?: unknown[];
            template: { spec: { containers: { env: { name: string; value?: string }[] }[] } };
          };
        };
        const env = new Map(statefulSet.spec.template.spec.containers[0]?.env.map((e) => [e.name, e.value]));
        expect(statefulSet.spec.replicas).toBe(3);
        expect(env.get('KURRENTDB_CLUSTER_SIZE')).toBe('3');
        expect(env.get('KURRENTDB_DISCOVER_VIA_DNS')).toBe('true');
        expect(env.get('KURRENTDB_CLUSTER_DNS')).toMatch(new RegExp(`^${statefulSet.spec.serviceName}\\.`));
        expect(env.has('KURRENTDB_INSECURE')).toBe(false);
        expect(statefulSet.spec.volumeClaimTemplates?.length).toBe(1);
        const service = named('Service', statefulSet.spec.serviceName) as never as {
          spec: { clusterIP: string };
        };
        expect(service.spec.clusterIP).toBe('None');
      });
  });
});

describe('the checks, on deliberately broken manifests', () => {
  const objects = build(fixture);

  it('rejects a value of the wrong type and an unknown kind', async () => {
    const problems = (await Promise.all(objects.map(schemaProblems))).flat().join('\n');
    expect(problems).toMatch(/Deployment cls-api: .*replicas must be integer/);
    expect(problems).toMatch(/unknown kind cert-manager\.io\/v1 Certificate/);
  });

  it('rejects a container without resources, probes, non-root, and with a moving tag', () => {
    const problems = objects.flatMap(workloadProblems).join('\n');
    for (const missing of [
      'no cpu and memory requests',
      'no memory limit',
      'no readinessProbe',
      'no livenessProbe',
      'runAsNonRoot is not true',
      'readOnlyRootFilesystem is not true',
      'image registry.example.org/cls/platform:latest is not pinned',
    ])
      expect(problems).toContain(missing);
  });

  it('rejects a variable apps/api does not read and a value its schema refuses', () => {
    const { unknown, invalid } = apiEnvironment(objects);
    expect(unknown).toEqual(['DATABASE_URI']);
    expect(invalid).toEqual(['DEMO']);
  });

  it('refuses a YAML file that gives a key twice', () => {
    expect(() =>
      readDocuments(fileURLToPath(new URL('../fixtures/duplicate-key.yaml', import.meta.url))),
    ).toThrow(/duplicate/i);
  });

  it('rejects a Service that selects no pod', () => {
    expect(wiringProblems(objects).join('\n')).toMatch(
      /Service nothing: its selector matches no pod template/,
    );
  });

  it('tells pinned images from moving ones', () => {
    expect(isPinned('postgres:18.1')).toBe(true);
    expect(isPinned('localhost:5000/cls/platform')).toBe(false);
    expect(isPinned('postgres')).toBe(false);
    expect(isPinned('postgres:latest')).toBe(false);
    expect(isPinned(`postgres@sha256:${'a'.repeat(64)}`)).toBe(true);
  });

  it('merges a patch as kustomize does for named lists, and refuses what it does not model', () => {
    const merged = strategicMerge(
      { containers: [{ name: 'api', env: [{ name: 'A', value: '1' }] }] },
      { containers: [{ name: 'api', env: [{ name: 'B', value: '2' }] }] },
      'patch',
    );
    expect(merged).toEqual({
      containers: [
        {
          name: 'api',
          env: [
            { name: 'A', value: '1' },
            { name: 'B', value: '2' },
          ],
        },
      ],
    });
    expect(() => strategicMerge({ ports: [] }, { ports: [{ containerPort: 1 }] }, 'patch')).toThrow(
      /cannot be merged/,
    );
  });
});
