import type { ImageSettings } from './dockerfile.js';
import type { Manifest } from './kustomize.js';

interface Probe {
  httpGet?: { path?: string; port?: number | string };
}
interface ApiContainer {
  image?: string;
  command?: string[];
  workingDir?: string;
  ports?: { name?: string; containerPort: number }[];
  startupProbe?: Probe;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  securityContext?: { readOnlyRootFilesystem?: boolean; runAsUser?: number; runAsGroup?: number };
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}
interface ApiPod {
  securityContext?: { runAsUser?: number; runAsGroup?: number };
  containers: ApiContainer[];
  volumes?: { name: string; emptyDir?: unknown }[];
}

/** What the image must agree with: the API's version and the project's licence. */
export interface Expected {
  version: string;
  license: string;
}

/** Variables of the image that apps/api does not read but the system does. */
const SYSTEM_VARIABLES = new Set(['HOME', 'PATH']);

/** The path a health check's command asks for (`http://…/healthz` → `/healthz`). */
export function healthPath(command: string[]): string | undefined {
  return /https?:\/\/[^/\s`'"]+(\/[\w/-]*)/.exec(command.join(' '))?.[1];
}

/**
 * Where the image (its Dockerfile's final stage) and the Deployment that runs it disagree: the
 * user, the port, the health path, the command, what must stay writable on a read-only root, the
 * tag, and the labels. `knownVariables` are the names apps/api reads.
 */
export function imageProblems(
  image: ImageSettings,
  deployment: Manifest,
  expected: Expected,
  knownVariables: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  const pod = (deployment as { spec?: { template?: { spec?: ApiPod } } }).spec?.template?.spec;
  const container = pod?.containers[0];
  if (!pod || !container) return ['the Deployment has no container'];

  // The user: numeric, not root, the one the pod runs as.
  const [uid = '', gid = uid] = (image.user ?? '').split(':');
  if (!/^\d+$/.test(uid) || uid === '0')
    problems.push(`USER ${image.user ?? '(none)'} is not a numeric non-root uid`);
  const runAs = container.securityContext?.runAsUser ?? pod.securityContext?.runAsUser;
  const runAsGroup = container.securityContext?.runAsGroup ?? pod.securityContext?.runAsGroup;
  if (String(runAs) !== uid) problems.push(`USER ${uid} but the pod runs as ${runAs}`);
  if (String(runAsGroup) !== gid) problems.push(`group ${gid} but the pod runs as group ${runAsGroup}`);

  // The port: exposed, listened on (PORT), and the one the probes and the Service reach.
  const port = container.ports?.find((each) => each.name === 'http')?.containerPort;
  if (!image.expose.includes(String(port)))
    problems.push(`EXPOSE ${image.expose.join(' ')} but containerPort ${port}`);
  if (image.env.get('PORT') !== String(port))
    problems.push(`ENV PORT=${image.env.get('PORT')} but containerPort ${port}`);

  // The health path of HEALTHCHECK is the one of every probe.
  const health = image.healthcheck ? healthPath(image.healthcheck.cmd) : undefined;
  if (!health) problems.push('no HEALTHCHECK asking an http:// path');
  for (const kind of ['startupProbe', 'readinessProbe', 'livenessProbe'] as const) {
    const path = container[kind]?.httpGet?.path;
    if (path !== health) problems.push(`HEALTHCHECK asks ${health} but the ${kind} asks ${path}`);
  }

  // What runs: the image's command from its WORKDIR.
  if (!image.cmd) problems.push('CMD is not in exec form');
  if (container.command && JSON.stringify(container.command) !== JSON.stringify(image.cmd))
    problems.push(
      `the Deployment runs ${JSON.stringify(container.command)}, the image ${JSON.stringify(image.cmd)}`,
    );
  if (container.workingDir && container.workingDir !== image.workdir)
    problems.push(`workingDir ${container.workingDir} but WORKDIR ${image.workdir}`);

  // Read-only root: the image writes under /tmp only, and the pod gives it a /tmp.
  for (const name of ['DATA_DIR', 'HOME']) {
    const path = image.env.get(name);
    if (!path?.startsWith('/tmp/') && path !== '/tmp') problems.push(`ENV ${name}=${path} is not under /tmp`);
  }
  if (container.securityContext?.readOnlyRootFilesystem !== true)
    problems.push('the root filesystem is not read-only');
  const tmp = container.volumeMounts?.find((mount) => mount.mountPath === '/tmp');
  if (!tmp || tmp.readOnly || !pod.volumes?.some((volume) => volume.name === tmp.name && volume.emptyDir))
    problems.push('no writable emptyDir mounted on /tmp');

  // The environment the image sets is one apps/api reads, for production.
  for (const name of image.env.keys())
    if (!knownVariables.has(name) && !SYSTEM_VARIABLES.has(name))
      problems.push(`ENV ${name} is not read by apps/api`);
  for (const [name, value] of [
    ['NODE_ENV', 'production'],
    ['HOST', '0.0.0.0'],
    ['DEMO', 'false'],
  ] as const)
    if (image.env.get(name) !== value) problems.push(`ENV ${name}=${image.env.get(name)}, expected ${value}`);

  // The tag deployed is the version built, and the labels say what the image is.
  if (!container.image?.endsWith(`/cls/platform:${expected.version}`))
    problems.push(`the Deployment runs ${container.image}, not …/cls/platform:${expected.version}`);
  if (image.args.get('VERSION') !== expected.version)
    problems.push(`ARG VERSION=${image.args.get('VERSION')} but apps/api is ${expected.version}`);
  if (image.labels.get('org.opencontainers.image.licenses') !== expected.license)
    problems.push(
      `licence label ${image.labels.get('org.opencontainers.image.licenses')}, expected ${expected.license}`,
    );
  for (const label of ['source', 'version', 'revision'])
    if (!image.labels.get(`org.opencontainers.image.${label}`))
      problems.push(`no org.opencontainers.image.${label} label`);
  return problems;
}
