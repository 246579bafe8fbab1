import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadAll } from 'js-yaml';

/** A Kubernetes object as written in a manifest. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
}

/** Where a manifest came from, for messages. */
export interface Located {
  file: string;
  manifest: Manifest;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every YAML document of a file; a syntax error or a key given twice throws. */
export function readDocuments(file: string): unknown[] {
  return loadAll(readFileSync(file, 'utf8'), { filename: file }).filter((document) => document != null);
}

/** A document that has the shape of a Kubernetes object (apiVersion, kind, metadata.name), or a thrown error. */
export function asManifest(file: string, document: unknown): Manifest {
  if (!isObject(document)) throw new Error(`${file}: a document is not a mapping`);
  const { apiVersion, kind, metadata } = document;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string')
    throw new Error(`${file}: a document has no apiVersion or kind`);
  if (!isObject(metadata) || typeof metadata.name !== 'string' || metadata.name === '')
    throw new Error(`${file}: ${kind} has no metadata.name`);
  return document as unknown as Manifest;
}

/** Kinds with no namespace, among those a kustomization here may hold. */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'PersistentVolume',
  'StorageClass',
  'ClusterRole',
  'ClusterRoleBinding',
]);

/** The kustomization fields this build understands; any other one fails the build rather than being ignored. */
const SUPPORTED_FIELDS = new Set(['apiVersion', 'kind', 'namespace', 'labels', 'resources', 'patches']);

/**
 * Lists merged element by element on `name`, as a strategic merge patch does for
 * these fields of a pod template; a patch that holds any other list is refused
 * (kustomize merges some lists on other keys, which this build does not model).
 */
const MERGED_BY_NAME = new Set(['containers', 'initContainers', 'env', 'envFrom', 'volumes', 'volumeMounts']);

/**
 * What `kustomize build <directory>` gives, for the subset of kustomize this
 * repository uses: resources (files and directories), namespace, labels (pairs
 * on metadata only) and strategic-merge patches by path. Anything else throws.
 */
export function build(directory: string): Located[] {
  const file = join(directory, 'kustomization.yaml');
  const [kustomization, ...rest] = readDocuments(file);
  if (!isObject(kustomization) || rest.length > 0) throw new Error(`${file}: one mapping expected`);
  if (kustomization.kind !== 'Kustomization') throw new Error(`${file}: kind is not Kustomization`);
  for (const field of Object.keys(kustomization))
    if (!SUPPORTED_FIELDS.has(field))
      throw new Error(`${file}: field "${field}" is not supported by this build`);

  const resources: Located[] = [];
  for (const entry of (kustomization.resources ?? []) as Json[]) {
    if (typeof entry !== 'string') throw new Error(`${file}: a resource is not a path`);
    const path = resolve(directory, entry);
    if (!existsSync(path)) throw new Error(`${file}: resource ${entry} does not exist`);
    if (statSync(path).isDirectory()) resources.push(...build(path));
    else
      for (const document of readDocuments(path))
        resources.push({ file: path, manifest: asManifest(path, document) });
  }

  for (const patch of (kustomization.patches ?? []) as Json[]) {
    if (!isObject(patch) || typeof patch.path !== 'string' || Object.keys(patch).length !== 1)
      throw new Error(`${file}: only patches given by path alone are supported`);
    const path = resolve(directory, patch.path);
    for (const document of readDocuments(path)) {
      const partial = asManifest(path, document);
      const target = resources.find(
        ({ manifest }) =>
          manifest.apiVersion === partial.apiVersion &&
          manifest.kind === partial.kind &&
          manifest.metadata.name === partial.metadata.name,
      );
      if (!target) throw new Error(`${path}: no ${partial.kind} ${partial.metadata.name} to patch`);
      target.manifest = strategicMerge(
        target.manifest as unknown as Json,
        partial as unknown as Json,
        path,
      ) as never;
    }
  }

  const namespace = kustomization.namespace;
  const labels = (kustomization.labels ?? []) as Json[];
  return resources.map(({ file: source, manifest }) => {
    const metadata = { ...manifest.metadata };
    if (typeof namespace === 'string' && !CLUSTER_SCOPED.has(manifest.kind)) metadata.namespace = namespace;
    for (const label of labels) {
      if (!isObject(label) || !isObject(label.pairs) || Object.keys(label).length !== 1)
        throw new Error(`${file}: only labels with pairs alone are supported`);
      metadata.labels = { ...metadata.labels, ...(label.pairs as Record<string, string>) };
    }
    return { file: source, manifest: { ...manifest, metadata } };
  });
}

/** `patch` merged into `target`: mappings key by key, the lists of MERGED_BY_NAME element by name, the rest replaced. */
export function strategicMerge(target: Json, patch: Json, source: string, key = ''): Json {
  if (isObject(target) && isObject(patch)) {
    const merged: JsonObject = { ...target };
    for (const [name, value] of Object.entries(patch)) {
      if (name.startsWith('$'))
        throw new Error(`${source}: directive ${name} is not supported by this build`);
      merged[name] = name in target ? strategicMerge(target[name] as Json, value, source, name) : value;
    }
    return merged;
  }
  if (Array.isArray(patch)) {
    if (!MERGED_BY_NAME.has(key)) throw new Error(`${source}: list "${key}" cannot be merged by this build`);
    const merged = Array.isArray(target) ? [...target] : [];
    for (const element of patch) {
      const name = isObject(element) ? element.name : undefined;
      const index = merged.findIndex((existing) => isObject(existing) && existing.name === name);
      if (name === undefined || index < 0) merged.push(element);
      else merged[index] = strategicMerge(merged[index] as Json, element, source, key);
    }
    return merged;
  }
  return patch;
}
