const CATEGORIES = [
  ['603', 'Maison de santé (L.6223-3)', 'MSP'],
  ['124', 'Centre de Santé', 'CENTRE DE SANTE'],
  ['156', 'Centre Médico-Psychologique (C.M.P.)', 'CMP'],
  ['189', 'Centre Médico-Psycho-Pédagogique (C.M.P.P.)', 'CMPP'],
  ['620', "Pharmacie d'Officine", 'PHARMACIE'],
] as const;

/**
 * A national FINESS file (etalab-cs1100507 layout: `structureet` lines, then their Lambert-93
 * `geolocalisation` lines) of made-up establishments `numbers`, the phones of `changed` altered,
 * one in five a pharmacy (not an offer), with a malformed fifth line. Establishments are in
 * Montpellier (34), or in Carcassonne (11) for those `inAude` says.
 */
export function etalabFile(
  date: string,
  numbers: number[],
  changed: Set<number>,
  inAude: (n: number) => boolean = () => false,
): string {
  const structures = numbers.map((n) => {
    const [code, label, name] = CATEGORIES[n % CATEGORIES.length] as (typeof CATEGORIES)[number];
    const phone = changed.has(n) ? `09${String(10_000_000 + n)}` : `04${String(67_000_000 + n)}`;
    const [departement, commune, place, postcode] = inAude(n)
      ? ['11', '069', 'CARCASSONNE', '11000']
      : ['34', '172', 'MONTPELLIER', '34000'];
    return [
      'structureet',
      `${departement}${String(n).padStart(7, '0')}`,
      `${departement}${String(n + 5000).padStart(7, '0')}`,
      `${name} ${place} ${n}`,
      `${name} DE ${place} N° ${n}`,
      '',
      '',
      String(n),
      'R',
      'DE LA REPUBLIQUE',
      '',
      '',
      commune,
      departement,
      departement === '34' ? 'HERAULT' : 'AUDE',
      `${postcode} ${place}`,
      phone,
      '',
      code,
      label,
      '',
      '',
      '',
      '',
      '03',
      'ARS',
      '',
      '',
      '2001-01-01',
      '2001-01-01',
      date,
      '',
    ].join(';');
  });
  // Numbers that do not fit a structure line: a malformed line, reported with its number.
  structures.splice(3, 0, 'structureet;340099997;340099998;LIGNE TRONQUEE;;;;12;R');
  const geolocations = numbers.map((n) => {
    const [departement, x, y] = inAude(n) ? ['11', 648000, 6234000] : ['34', 770000, 6279000];
    return `geolocalisation;${departement}${String(n).padStart(7, '0')};${(x + (n % 500) * 37).toFixed(1)};${(y + (n % 500) * 29).toFixed(1)};1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93;${date}`;
  });
  return [`finess;etalab;97;${date}`, ...structures, ...geolocations, ''].join('\n');
}
