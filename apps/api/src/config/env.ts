import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseLogSigningKey } from '../audit/log-signing-key.js';

/** The repository root, from this file's place in apps/api/{src,dist}/config. */
const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

const emptyAsUnset = (value: unknown) => (value === '' ? undefined : value);
const port = (fallback: number) =>
  z.preprocess(
    emptyAsUnset,
    z.coerce
      .number({ error: 'doit être un nombre entier entre 1 et 65535' })
      .int({ error: 'doit être un nombre entier entre 1 et 65535' })
      .min(1, { error: 'doit être un nombre entier entre 1 et 65535' })
      .max(65535, { error: 'doit être un nombre entier entre 1 et 65535' })
      .default(fallback),
  );
const optionalUrl = (protocols: string[]) =>
  z.preprocess(
    emptyAsUnset,
    z
      .string()
      .refine((value) => URL.canParse(value) && protocols.includes(new URL(value).protocol), {
        error: `doit être une URL ${protocols.map((p) => `${p}//…`).join(' ou ')}`,
      })
      .optional(),
  );
const path = (fallback: string) => z.preprocess(emptyAsUnset, z.string().default(fallback));

const optionalText = z.preprocess(emptyAsUnset, z.string().optional());

/** A 32-byte key written in base64 or in hexadecimal; undefined when it is neither. */
export function decodeKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (!/^[A-Za-z0-9+/]{43}=?$/.test(trimmed)) return undefined;
  const bytes = Buffer.from(trimmed, 'base64');
  return bytes.length === 32 ? bytes : undefined;
}

/** Variables whose value is never repeated in an error message. */
const SECRET_VARIABLES = new Set(['PERSONAL_DATA_KEY', 'LOG_SIGNING_KEY', 'ADMIN_PASSWORD']);

const isLogSigningKey = (value: string) => {
  try {
    parseLogSigningKey(value);
    return true;
  } catch {
    return false;
  }
};

export const EnvSchema = z
  .object({
    NODE_ENV: z.preprocess(
      emptyAsUnset,
      z
        .enum(['development', 'production', 'test'], { error: 'doit valoir development, production ou test' })
        .default('production'),
    ),
    HOST: z.preprocess(emptyAsUnset, z.string().default('127.0.0.1')),
    PORT: port(3000),
    /** Unset: an embedded PostgreSQL is started with its data under DATA_DIR. */
    DATABASE_URL: optionalUrl(['postgres:', 'postgresql:']),
    /** Set: events go to this KurrentDB instead of PostgreSQL (issue #4 onwards). */
    KURRENTDB_URL: optionalUrl(['kurrentdb:', 'kurrentdb+discover:', 'esdb:', 'esdb+discover:']),
    DATA_DIR: path(resolve(repositoryRoot, '.data')),
    EMBEDDED_PG_PORT: port(54329),
    SHARED_DIR: path(resolve(repositoryRoot, '../shared')),
    /** Open data (FINESS, communes, contours): `<SHARED_DIR>/data` unless set. */
    OPEN_DATA_DIR: optionalText,
    /**
     * A MapLibre style (JSON) the portal draws its maps on, e.g. IGN's Plan IGN vector tiles
     * (https://data.geopf.fr/annexes/ressources/vectorTiles/styles/PLAN.IGN/standard.json). Read at
     * run time; unset, or when it cannot be loaded, the offline basemap served by the platform.
     * Its origin is allowed by the Content-Security-Policy (its tiles, sprites and glyphs with it).
     */
    MAP_STYLE_URL: optionalUrl(['https:', 'http:']),
    /** Offers not verified for longer than this are flagged "à vérifier". */
    OFFER_STALE_AFTER_DAYS: z.preprocess(
      emptyAsUnset,
      z.coerce.number({ error: 'doit être un nombre de jours' }).int().min(1).default(365),
    ),
    /**
     * Behind a reverse proxy or an ingress: which hops to trust for the client's address and
     * scheme (Express \`trust proxy\`: a number of hops, \`loopback\`, addresses or subnets).
     * Unset: the connection's own address (the rate limits and HSTS need the right one).
     */
    TRUST_PROXY: z.preprocess(
      emptyAsUnset,
      z
        .string()
        .regex(/^(\d+|true|false|loopback|linklocal|uniquelocal|[0-9a-fA-F.:/,\s]+)$/, {
          error: 'nombre de relais, loopback, ou adresses séparées par des virgules',
        })
        .optional(),
    ),
    /**
     * Calls per minute and per client address on the public endpoints: a REST request under
     * /api/, a tRPC procedure of the portal or called without a session (each of a batch).
     */
    PUBLIC_RATE_LIMIT: z.preprocess(
      emptyAsUnset,
      z.coerce.number({ error: 'doit être un nombre de requêtes par minute' }).int().min(1).default(600),
    ),
    /**
     * Reports of errors on offers (« Signaler une erreur », no account) per client address
     * and hour, beside PUBLIC_RATE_LIMIT: 429 with Retry-After beyond.
     */
    REPORT_RATE_LIMIT: z.preprocess(
      emptyAsUnset,
      z.coerce.number({ error: 'doit être un nombre de signalements par heure' }).int().min(1).default(5),
    ),
    /** Load the demo (seeds replayed, demo accounts) into an empty log at start-up. */
    DEMO: z.preprocess(
      emptyAsUnset,
      z
        .enum(['true', 'false'], { error: 'doit valoir true ou false' })
        .default('true')
        .transform((value) => value === 'true'),
    ),
    /**
     * The first administrator of a platform without the demo: invited with this address and
     * password at start-up while nobody holds the admin role (see accounts/first-administrator.ts).
     */
    ADMIN_EMAIL: z.preprocess(
      emptyAsUnset,
      z.email({ error: 'doit être une adresse électronique' }).optional(),
    ),
    ADMIN_PASSWORD: z.preprocess(
      emptyAsUnset,
      z.string().min(12, { error: 'doit faire 12 caractères au moins' }).optional(),
    ),
    PORTAL_DIST: path(resolve(repositoryRoot, 'apps/portal/dist')),
    ADMIN_DIST: path(resolve(repositoryRoot, 'apps/admin/dist')),
    /** OpenID Connect login (ProConnect or any OIDC provider): off unless OIDC_ISSUER is set. */
    OIDC_ISSUER: optionalUrl(['https:', 'http:']),
    OIDC_CLIENT_ID: optionalText,
    OIDC_CLIENT_SECRET: optionalText,
    /** Where the provider sends the user back: `<public URL>/auth/oidc/callback`, as registered with it. */
    OIDC_REDIRECT_URI: optionalUrl(['https:', 'http:']),
    OIDC_SCOPES: z.preprocess(emptyAsUnset, z.string().default('openid email')),
    OIDC_LABEL: z.preprocess(emptyAsUnset, z.string().default('ProConnect')),
    /**
     * The master key that wraps every person's key (see personal-data/vault.ts), kept outside
     * the database. Unset: generated under DATA_DIR with the embedded PostgreSQL, per process
     * in tests, and refused in production with DATABASE_URL.
     */
    PERSONAL_DATA_KEY: z.preprocess(
      emptyAsUnset,
      z
        .string()
        .refine((value) => decodeKey(value) !== undefined, {
          error: 'doit faire 32 octets, en base64 ou en hexadécimal (openssl rand -base64 32)',
        })
        .optional(),
    ),
    /**
     * The Ed25519 private key that signs the log's head (audit/log-signing-key.ts), kept outside
     * the database. Unset: generated under DATA_DIR with the embedded PostgreSQL, per process in
     * tests, and refused in production with DATABASE_URL.
     */
    LOG_SIGNING_KEY: z.preprocess(
      emptyAsUnset,
      z
        .string()
        .refine(isLogSigningKey, {
          error:
            'doit être une clé privée Ed25519 en PEM PKCS#8, ou PKCS#8 DER en base64 (openssl genpkey -algorithm ed25519)',
        })
        .optional(),
    ),
  })
  .superRefine((env, context) => {
    if (env.NODE_ENV === 'production' && env.DATABASE_URL && !env.LOG_SIGNING_KEY) {
      context.addIssue({
        code: 'custom',
        path: ['LOG_SIGNING_KEY'],
        message:
          'requise en production avec DATABASE_URL : la clé qui signe le journal, gardée hors de la base (openssl genpkey -algorithm ed25519)',
      });
    }
    if (env.NODE_ENV === 'production' && env.DATABASE_URL && !env.PERSONAL_DATA_KEY) {
      context.addIssue({
        code: 'custom',
        path: ['PERSONAL_DATA_KEY'],
        message:
          'requise en production avec DATABASE_URL : la clé maîtresse des données personnelles, gardée hors de la base (openssl rand -base64 32)',
      });
    }
    if (env.ADMIN_EMAIL && !env.ADMIN_PASSWORD && !env.OIDC_ISSUER) {
      context.addIssue({
        code: 'custom',
        path: ['ADMIN_PASSWORD'],
        message:
          'requis avec ADMIN_EMAIL (sauf connexion OpenID Connect) : le mot de passe du premier administrateur',
      });
    }
    if (!env.OIDC_ISSUER) return;
    for (const name of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'] as const) {
      if (!env[name])
        context.addIssue({ code: 'custom', path: [name], message: 'requis quand OIDC_ISSUER est défini' });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

/** Where the open data sits. */
export const openDataDir = (env: Pick<Env, 'OPEN_DATA_DIR' | 'SHARED_DIR'>) =>
  env.OPEN_DATA_DIR ?? resolve(env.SHARED_DIR, 'data');

export type EnvResult = { ok: true; env: Env } | { ok: false; message: string };

/** Parses the environment once; the message names every bad variable on one line. */
export function parseEnv(raw: Record<string, string | undefined>): EnvResult {
  const result = EnvSchema.safeParse(raw);
  if (result.success) return { ok: true, env: result.data };
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '?');
    const value = SECRET_VARIABLES.has(name) && raw[name] ? '…' : (raw[name] ?? '');
    return `${name}=${JSON.stringify(value)} ${issue.message}`;
  });
  return { ok: false, message: `Configuration invalide : ${problems.join(' ; ')}` };
}

/** For the command-line entry points: the environment, or its one-line error and exit code 1. */
export function envOrExit(raw: Record<string, string | undefined> = process.env): Env {
  const parsed = parseEnv(raw);
  if (parsed.ok) return parsed.env;
  console.error(parsed.message);
  process.exit(1);
}
