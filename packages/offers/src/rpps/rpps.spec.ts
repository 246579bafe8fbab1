import { describe, expect, it } from 'vitest';
import { rppsHeaderOf } from './columns.js';
import { madeUpPractitioner, REAL_RPPS_LINES, RPPS_HEADER, RPPS_HEADER_LATER } from './fixtures.js';
import { CommuneCentres, FrenchCommunes, parseCommuneCentres } from './french-communes.js';
import { groupBySite, offerOfSite } from './practitioner-offer.js';
import { type PractitionerActivity, practitionerSiteOfLine } from './practitioner-site.js';

const header = rppsHeaderOf(RPPS_HEADER);
const read = (text: string, line = 2) => practitionerSiteOfLine(text.split('|'), header, line);
const communes = FrenchCommunes.load();
// Centres as ../shared/data/geo/communes.csv gives them, and Paris's (made up for the test).
const centres = new CommuneCentres([
  { insee: '34032', lon: 3.238046, lat: 43.347856 },
  { insee: '34301', lon: 3.654593, lat: 43.391928 },
  { insee: '34142', lon: 3.305756, lat: 43.730632 },
  { insee: '75056', lon: 2.3522, lat: 48.8566 },
]);
const places = { communes, centres };

/** Made-up liberal sages-femmes (the layout is the file's; the people are invented). */
const SAGE_FEMME_BEZIERS = madeUpPractitioner({
  rpps: '10000000001',
  lastName: 'EXEMPLE',
  firstName: 'CAMILLE',
  profession: ['50', 'Sage-Femme'],
  structureId: 'C10000000001001',
  number: '12',
  streetType: ['AV', 'Avenue'],
  street: 'DE LA REPUBLIQUE',
  cedex: '34500 BEZIERS',
  postcode: '34500',
  communeCode: '34032',
  communeName: 'Béziers',
  phone: '0467000001',
});
/** Her second site, in Sète: no commune code, only the « Bureau cedex ». */
const SAGE_FEMME_SETE = madeUpPractitioner({
  rpps: '10000000001',
  lastName: 'EXEMPLE',
  firstName: 'CAMILLE',
  profession: ['50', 'Sage-Femme'],
  structureId: 'C10000000001002',
  street: 'QUAI DE BOSC',
  cedex: '34200 SETE',
  postcode: '34200',
});

const activity = (text: string, line = 2): PractitionerActivity => {
  const result = read(text, line);
  if (!('activity' in result)) throw new Error(JSON.stringify(result));
  return result.activity;
};

describe('the Annuaire Santé extraction, read by column name', () => {
  it('finds the columns of the real header, and of a later layout', () => {
    expect(header.fields).toBe(53);
    expect(header.hasSavoirFaire).toBe(true);
    const later = rppsHeaderOf(RPPS_HEADER_LATER);
    expect(later.fields).toBe(57);
    expect(later.at.civility).toBe(4);
    expect(later.at.repetition).toBe(29);
  });

  it('refuses a header without the columns it needs, naming them in French', () => {
    expect(() => rppsHeaderOf("Type d'identifiant PP|Identifiant PP|Code profession|")).toThrow(
      /colonnes absentes de l’en-tête \(ligne 1\) : « Nom d'exercice »/,
    );
  });

  it('leaves out salaried practitioners and the professions that are not offers (real lines)', () => {
    expect(read(REAL_RPPS_LINES.salariedGeneralist)).toEqual({ ignored: 'mode' });
    expect(read(REAL_RPPS_LINES.adeliAudioprosthetist)).toEqual({ ignored: 'profession' });
    expect(read(REAL_RPPS_LINES.liberalSpeechTherapist)).toEqual({ ignored: 'profession' });
  });

  it('rejects a malformed line with its number, never throws', () => {
    const cut = REAL_RPPS_LINES.salariedGeneralist.split('|').slice(0, 30).join('|');
    expect(read(cut, 7)).toEqual({
      rejected: { line: 7, reason: '30 champs au lieu de 53 (ligne coupée ou « | » en trop)' },
    });
    const adeli = SAGE_FEMME_BEZIERS.replace('8|10000000001|810000000001', '0|012600631|0012600631');
    expect(read(adeli, 9)).toEqual({
      rejected: {
        line: 9,
        reason: 'identifiant ADELI « 012600631 » (type 0) : un numéro RPPS (type 8, 11 chiffres) est attendu',
      },
    });
    expect(read(SAGE_FEMME_BEZIERS.replace('|L|Libéral|', '|X|Autre|'), 3)).toMatchObject({
      rejected: { line: 3, reason: 'mode d’exercice inconnu « X » (L, S ou B attendu)' },
    });
  });

  it('reads a line without its trailing « | » like one with it', () => {
    expect(activity(SAGE_FEMME_BEZIERS.slice(0, -1)).rpps).toBe('10000000001');
  });
});

describe('practitioners’ liberal sites as offers', () => {
  it('makes a liberal sage-femme an offer at her commune’s centre, accents intact', () => {
    const outcome = offerOfSite([activity(SAGE_FEMME_BEZIERS)], places);
    expect(outcome).toEqual({
      offer: {
        offerId: 'rpps-10000000001-tc10000000001001',
        rpps: '10000000001',
        practitioner: { name: 'CAMILLE EXEMPLE' },
        details: {
          kind: 'sage_femme',
          name: 'Sage-femme',
          address: {
            line: '12 Avenue DE LA REPUBLIQUE',
            postcode: '34500',
            communeInsee: '34032',
            communeName: 'Béziers',
          },
          position: { lon: 3.238046, lat: 43.347856 },
          positionPrecision: 'commune',
          phone: '0467000001',
          practice: { profession: { code: '50', label: 'Sage-Femme' }, mode: 'liberal' },
        },
        departement: '34',
        lines: [2],
        street: { number: '12', streetType: 'Avenue', streetName: 'DE LA REPUBLIQUE' },
      },
    });
  });

  it('places a site without commune code by the postcode of its « Bureau cedex »', () => {
    const outcome = offerOfSite([activity(SAGE_FEMME_SETE)], places);
    expect(outcome).toMatchObject({
      offer: {
        details: { address: { communeInsee: '34301', communeName: 'Sète' }, positionPrecision: 'commune' },
      },
    });
  });

  it('gives one offer per practitioner and site, the lines of one site merged', () => {
    const gp = (code: string, label: string, line: number) =>
      activity(
        madeUpPractitioner({
          rpps: '10000000002',
          lastName: 'MODELE',
          firstName: 'DOMINIQUE',
          profession: ['10', 'Médecin'],
          savoirFaire: [code, label],
          structureId: 'C10000000002001',
          cedex: '34700 LODEVE',
          postcode: '34700',
        }),
        line,
      );
    const sites = groupBySite([
      gp('SM04', 'Cardiologie et maladies vasculaires', 4),
      gp('SM54', 'Médecine Générale', 5),
      activity(SAGE_FEMME_BEZIERS, 6),
      activity(SAGE_FEMME_SETE, 7),
    ]);
    expect(sites.map((site) => site.map((line) => line.line))).toEqual([[4, 5], [6], [7]]);
    expect(offerOfSite(sites[0] ?? [], places)).toMatchObject({
      offer: {
        offerId: 'rpps-10000000002-tc10000000002001',
        lines: [4, 5],
        details: {
          kind: 'medecin_generaliste',
          // Lodève shares 34700 with 16 other communes: the office's name chooses.
          address: { communeInsee: '34142', communeName: 'Lodève' },
          practice: { profession: { code: '10' }, savoirFaire: { code: 'SM54', label: 'Médecine Générale' } },
        },
      },
    });
    // A cardiologist alone is not a généraliste.
    expect(offerOfSite([gp('SM04', 'Cardiologie et maladies vasculaires', 8)], places)).toEqual({
      ignored: 'savoir-faire',
    });
  });

  it('reads the real généraliste line as a généraliste, were he liberal (SM53)', () => {
    const liberal = REAL_RPPS_LINES.salariedGeneralist.replace('|S|Salarié|', '|L|Libéral|');
    const pontarlier = new CommuneCentres([{ insee: '25462', lon: 6.354, lat: 46.9 }]);
    expect(offerOfSite([activity(liberal)], { communes, centres: pontarlier })).toMatchObject({
      offer: {
        offerId: 'rpps-10100271385-s26250462400012',
        practitioner: { name: 'ROMAIN LEGER' },
        details: {
          kind: 'medecin_generaliste',
          address: {
            line: '2 Faubourg SAINT ETIENNE, CS 10329',
            postcode: '25304',
            communeName: 'Pontarlier',
          },
          phone: '0381385454',
        },
      },
    });
  });

  it('rejects a site whose commune is unknown or has no known centre, never guesses', () => {
    const unknown = SAGE_FEMME_BEZIERS.replace('|34032|', '|34999|');
    expect(offerOfSite([activity(unknown, 11)], places)).toEqual({
      rejected: { line: 11, reason: 'code commune « 34999 » inconnu du code officiel géographique' },
    });
    const noCentre = SAGE_FEMME_BEZIERS.replace('|34032|', '|25462|');
    expect(offerOfSite([activity(noCentre, 12)], places)).toEqual({
      rejected: {
        line: 12,
        reason:
          'centre de la commune Pontarlier (25462) inconnu : donnez le fichier national des centres (--communes)',
      },
    });
  });
});

describe('communes of all France', () => {
  it('finds today’s commune of an old code, and an arrondissement by its « Bureau cedex »', () => {
    expect(communes.byCode('01340')?.name).toBe('Arboys en Bugey');
    // The real orthophoniste's site: `75015 PARIS`, no commune code.
    const paris15 = communes.resolve({ cedex: '75015 PARIS', postcode: '75015' });
    expect(paris15).toMatchObject({ commune: { insee: '75115', parent: '75056' } });
    if ('commune' in paris15) expect(centres.of(paris15.commune)).toEqual({ lon: 2.3522, lat: 48.8566 });
  });

  it('tells a CEDEX office by its name in its department, and refuses an ambiguous postcode', () => {
    expect(communes.resolve({ cedex: '34702 LODEVE CEDEX' })).toMatchObject({ commune: { insee: '34142' } });
    expect(communes.resolve({ cedex: '25304 PONTARLIER CEDEX' })).toMatchObject({
      commune: { insee: '25462' },
    });
    expect(communes.resolve({ cedex: '34700 NULLEPART' })).toEqual({
      problem: 'code postal 34700 commun à 17 communes, dont aucune ne s’appelle « NULLEPART »',
    });
    expect(communes.resolve({})).toEqual({
      problem: 'commune introuvable : ni code commune, ni bureau cedex, ni code postal',
    });
  });

  it('gives a centre as a point only, from the national file or the open data’s communes', () => {
    const openData = { insee: '34142', name: 'Lodève', population: 7251, lon: 3.305756, lat: 43.730632 };
    const withFallback = new CommuneCentres([], (insee) => (insee === '34142' ? openData : undefined));
    const lodeve = communes.byCode('34142');
    expect(lodeve && withFallback.of(lodeve)).toEqual({ lon: 3.305756, lat: 43.730632 });
  });

  it('reads the national centres of the API Découpage administratif, as an array or GeoJSON', () => {
    const array =
      '[{"nom":"Béziers","code":"34032","centre":{"type":"Point","coordinates":[3.2476,43.3475]}}]';
    expect(parseCommuneCentres(array)).toEqual([{ insee: '34032', lon: 3.2476, lat: 43.3475 }]);
    const geojson =
      '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"34301","nom":"Sète"},"geometry":{"type":"Point","coordinates":[3.6566,43.3925]}}]}';
    expect(parseCommuneCentres(geojson)).toEqual([{ insee: '34301', lon: 3.6566, lat: 43.3925 }]);
    expect(() => parseCommuneCentres('[{"code":"34032"}]')).toThrow(/entrée 1 \(34032\) : centre manquant/);
  });
});
