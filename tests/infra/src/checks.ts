import type { Located, Manifest } from './kustomize.js';

interface Model {
  validate(): void;
}
type ModelClass = (new (data: unknown) => Model) & { apiVersion?: string; kind?: string };

const API_VERSION = /^([a-z0-9-]+(\.[a-z0-9-]+)*\/)?v[0-9]+((alpha|beta)[0-9]+)?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;

/** The class of kubernetes-models for this apiVersion and kind (the official OpenAPI schema), if there is one. */
async function modelOf(manifest: Manifest): Promise<ModelClass | undefined> {
  if (!API_VERSION.test(manifest.apiVersion) || !KIND.test(manifest.kind)) return undefined;
  try {
    const specifier = `kubernetes-models/${manifest.apiVersion}/${manifest.kind}`;
    const module = (await import(/* @vite-ignore */ specifier)) as Record<string, ModelClass>;
    const model = module[manifest.kind];
    // A nested type (DeploymentSpec…) has a class too, but no apiVersion and kind of its own.
    return model?.apiVersion === manifest.apiVersion && model.kind === manifest.kind ? model : undefined;
  } catch {
    return undefined;
  }
}

/** What the official schema of its kind finds wrong with a manifest; an unknown kind is a problem too. */
export async function schemaProblems({ file, manifest }: Located): Promise<string[]> {
  const where = `${file}: ${manifest.kind} ${manifest.metadata.name}`;
  const model = await modelOf(manifest);
  if (!model) return [`${where}: unknown kind ${manifest.apiVersion} ${manifest.kind}`];
  try {
    new model(manifest).validate();
    return [];
  } catch (error) {
    return [`${where}: ${(error as Error).message}`];
  }
}

interface Container {
  name: string;
  image?: string;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  readinessProbe?: unknown;
  livenessProbe?: unknown;
  securityContext?: {
    runAsNonRoot?: boolean;
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    capabilities?: { drop?: string[] };
  };
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
}
interface PodSpec {
  securityContext?: { runAsNonRoot?: boolean };
  containers: Container[];
  initContainers?: Container[];
}

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

/** The pod template of a workload, if the manifest is one. */
export function podSpecOf(manifest: Manifest): PodSpec | undefined {
  if (!WORKLOADS.has(manifest.kind)) return undefined;
  return (manifest as { spec?: { template?: { spec?: PodSpec } } }).spec?.template?.spec;
}

/** An image pinned to a version: a tag other than latest, or a digest. */
export function isPinned(image: string | undefined): boolean {
  if (!image) return false;
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return true;
  const tag = /:([\w][\w.-]{0,127})$/.exec(image.slice(image.lastIndexOf('/') + 1))?.[1];
  return tag !== undefined && tag !== 'latest';
}

/** What every container of a workload must have here: resources, probes, non-root and locked down, a pinned image. */
export function workloadProblems({ file, manifest }: Located): string[] {
  const pod = podSpecOf(manifest);
  if (!pod) return [];
  const problems: string[] = [];
  for (const container of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
    const where = `${file}: ${manifest.kind} ${manifest.metadata.name}, container ${container.name}`;
    const { requests, limits } = container.resources ?? {};
    if (!requests?.cpu || !requests.memory) problems.push(`${where}: no cpu and memory requests`);
    if (!limits?.memory) problems.push(`${where}: no memory limit`);
    if (!pod.initContainers?.includes(container)) {
      if (!container.readinessProbe) problems.push(`${where}: no readinessProbe`);
      if (!container.livenessProbe) problems.push(`${where}: no livenessProbe`);
    }
    const context = container.securityContext ?? {};
    if ((context.runAsNonRoot ?? pod.securityContext?.runAsNonRoot) !== true)
      problems.push(`${where}: runAsNonRoot is not true`);
    if (context.allowPrivilegeEscalation !== false)
      problems.push(`${where}: allowPrivilegeEscalation is not false`);
    if (context.readOnlyRootFilesystem !== true)
      problems.push(`${where}: readOnlyRootFilesystem is not true`);
    if (!context.capabilities?.drop?.includes('ALL'))
      problems.push(`${where}: capabilities are not all dropped`);
    if (!isPinned(container.image))
      problems.push(`${where}: image ${container.image} is not pinned to a version`);
  }
  return problems;
}

/**
 * The environment a container gets: its env entries and every key of the ConfigMaps
 * and Secrets of its envFrom, found among the built objects. A value that comes
 * from elsewhere (valueFrom) is taken from the Secret or ConfigMap it names.
 */
export function environmentOf(container: Container, objects: Manifest[]): Map<string, string | undefined> {
  const find = (kind: string, name: string) => {
    const object = objects.find((o) => o.kind === kind && o.metadata.name === name);
    if (!object)
      throw new Error(`${kind} ${name}, referenced by container ${container.name}, is not in the build`);
    const { data = {}, stringData = {} } = object as {
      data?: Record<string, string>;
      stringData?: Record<string, string>;
    };
    const decoded = Object.fromEntries(
      Object.entries(data).map(([k, v]) => [k, kind === 'Secret' ? Buffer.from(v, 'base64').toString() : v]),
    );
    return { ...decoded, ...stringData } as Record<string, string>;
  };
  const environment = new Map<string, string | undefined>();
  for (const source of container.envFrom ?? []) {
    const entries = source.configMapRef
      ? find('ConfigMap', source.configMapRef.name)
      : source.secretRef
        ? find('Secret', source.secretRef.name)
        : {};
    for (const [name, value] of Object.entries(entries)) environment.set(name, value);
  }
  for (const variable of container.env ?? []) {
    const from = variable.valueFrom as
      | { secretKeyRef?: { name: string; key: string }; configMapKeyRef?: { name: string; key: string } }
      | undefined;
    if (from?.secretKeyRef)
      environment.set(variable.name, find('Secret', from.secretKeyRef.name)[from.secretKeyRef.key]);
    else if (from?.configMapKeyRef)
      environment.set(variable.name, find('ConfigMap', from.configMapKeyRef.name)[from.configMapKeyRef.key]);
    else environment.set(variable.name, variable.value);
  }
  return environment;
}

/** Services whose selector matches no pod template of the build, and PDBs and HPAs aimed at nothing. */
export function wiringProblems(objects: Located[]): string[] {
  const problems: string[] = [];
  const templates = objects.flatMap(({ manifest }) =>
    podSpecOf(manifest)
      ? [
          {
            kind: manifest.kind,
            name: manifest.metadata.name,
            labels:
              (manifest as { spec?: { template?: { metadata?: { labels?: Record<string, string> } } } }).spec
                ?.template?.metadata?.labels ?? {},
          },
        ]
      : [],
  );
  const matches = (selector: Record<string, string>) =>
    templates.some((t) => Object.entries(selector).every(([k, v]) => t.labels[k] === v));
  for (const { file, manifest } of objects) {
    const spec = (manifest as { spec?: Record<string, unknown> }).spec ?? {};
    const where = `${file}: ${manifest.kind} ${manifest.metadata.name}`;
    if (manifest.kind === 'Service' && !matches((spec.selector ?? {}) as Record<string, string>))
      problems.push(`${where}: its selector matches no pod template`);
    if (
      manifest.kind === 'PodDisruptionBudget' &&
      !matches(
        ((spec.selector as { matchLabels?: Record<string, string> })?.matchLabels ?? {}) as Record<
          string,
          string
        >,
      )
    )
      problems.push(`${where}: its selector matches no pod template`);
    if (manifest.kind === 'HorizontalPodAutoscaler') {
      const target = spec.scaleTargetRef as { kind: string; name: string };
      if (!templates.some((t) => t.kind === target.kind && t.name === target.name))
        problems.push(`${where}: scales ${target.kind} ${target.name}, which is not in the build`);
    }
  }
  const seen = new Set<string>();
  for (const { file, manifest } of objects) {
    const key = `${manifest.apiVersion} ${manifest.kind} ${manifest.metadata.namespace ?? ''}/${manifest.metadata.name}`;
    if (seen.has(key)) problems.push(`${file}: ${key} is defined twice`);
    seen.add(key);
  }
  return problems;
}
