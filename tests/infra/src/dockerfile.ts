/** One instruction of a Dockerfile: its keyword (upper case) and the rest of its line. */
export interface Instruction {
  keyword: string;
  rest: string;
}

/** What the final stage of a Dockerfile sets for the container it runs. */
export interface ImageSettings {
  user?: string;
  workdir?: string;
  expose: string[];
  env: Map<string, string>;
  labels: Map<string, string>;
  /** ARG defaults of the final stage. */
  args: Map<string, string>;
  /** The exec form only: a shell-form CMD is a problem of its own. */
  cmd?: string[];
  healthcheck?: { options: string; cmd: string[] };
}

/**
 * The instructions of each stage, as Docker reads them: comment lines dropped (inside a
 * continued instruction too), lines ending in a backslash joined to the next, a stage opened by
 * each FROM; the ARGs before the first FROM belong to no stage and are left out. Enough for the
 * house's Dockerfiles: no parser directive but `syntax`, no heredoc.
 */
export function stagesOf(text: string): Instruction[][] {
  const logical: string[] = [];
  let pending = '';
  for (const line of text.split('\n')) {
    if (/^\s*#/.test(line)) continue;
    if (/\\\s*$/.test(line)) {
      pending += `${line.replace(/\\\s*$/, '')} `;
      continue;
    }
    const whole = (pending + line).trim();
    pending = '';
    if (whole) logical.push(whole);
  }
  const stages: Instruction[][] = [];
  for (const line of logical) {
    const [, keyword = '', rest = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), rest: rest.replace(/\s+/g, ' ').trim() };
    if (instruction.keyword === 'FROM') stages.push([]);
    stages.at(-1)?.push(instruction);
  }
  return stages;
}

/** `key=value` pairs of ENV, LABEL and ARG, values unquoted. */
function pairs(rest: string): [string, string][] {
  return [...rest.matchAll(/([\w.-]+)(?:=("(?:[^"\\]|\\.)*"|\S*))?/g)].map(([, key = '', value = '']) => [
    key,
    value.startsWith('"') ? (JSON.parse(value) as string) : value,
  ]);
}

/** An exec-form command (a JSON array of strings), or undefined for the shell form. */
function execForm(text: string): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((part) => typeof part === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The settings of the last stage: the image that runs. */
export function finalStage(text: string): ImageSettings {
  const settings: ImageSettings = { expose: [], env: new Map(), labels: new Map(), args: new Map() };
  for (const { keyword, rest } of stagesOf(text).at(-1) ?? []) {
    if (keyword === 'USER') settings.user = rest;
    else if (keyword === 'WORKDIR') settings.workdir = rest;
    else if (keyword === 'EXPOSE') settings.expose.push(...rest.split(' '));
    else if (keyword === 'ENV') for (const [key, value] of pairs(rest)) settings.env.set(key, value);
    else if (keyword === 'LABEL') for (const [key, value] of pairs(rest)) settings.labels.set(key, value);
    else if (keyword === 'ARG') for (const [key, value] of pairs(rest)) settings.args.set(key, value);
    else if (keyword === 'CMD') {
      const cmd = execForm(rest);
      if (cmd) settings.cmd = cmd;
    } else if (keyword === 'HEALTHCHECK') {
      const [, options = '', command = ''] = /^(.*?)\s*CMD\s+(.*)$/.exec(rest) ?? [];
      settings.healthcheck = { options, cmd: execForm(command) ?? [command] };
    }
  }
  return settings;
}
