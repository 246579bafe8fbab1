import { createHash } from 'node:crypto';
import { foldText } from '@cls/french';
import type { RppsColumn, RppsHeader } from './columns.js';

/** The professions whose liberal practice sites are offers (RPPS `Code profession`). */
export const RPPS_PROFESSIONS = {
  '10': 'Médecin',
  '40': 'Chirurgien-Dentiste',
  '50': 'Sage-Femme',
  '60': 'Infirmier',
  '70': 'Masseur-Kinésithérapeute',
} as const;
export type RppsProfession = keyof typeof RPPS_PROFESSIONS;
const isRppsProfession = (code: string): code is RppsProfession => code in RPPS_PROFESSIONS;

/** Modes of practice (`Code mode exercice`): only liberal sites are offers of their own. */
const MODES: Readonly<Record<string, string>> = { L: 'libéral', S: 'salarié', B: 'bénévole' };

/** A site's address as the file writes it (« coord. structure » columns). */
export interface RppsSiteAddress {
  number?: string;
  repetition?: string;
  /** Spelt out (« Route »), or the AFNOR code (`RTE`) when the file gives only that. */
  streetType?: string;
  streetName?: string;
  /** BP, CS, lieu-dit… (« Mention distribution »). */
  distribution?: string;
  /** « Bureau cedex »: the postcode and the office's name, `34700 LODEVE`, `25304 PONTARLIER CEDEX`. */
  cedex?: string;
  postcode?: string;
  /** INSEE code of the commune, when the file gives it. */
  communeCode?: string;
  communeName?: string;
}

/** One line of the extraction: a practitioner's activity at a site. */
export interface PractitionerActivity {
  line: number;
  /** « Identifiant PP »: 11 digits. */
  rpps: string;
  /** « Prénom d'exercice » and « Nom d'exercice », as the file writes them (a person's name: sealed in the log). */
  name: string;
  profession: { code: RppsProfession; label: string };
  savoirFaire?: { code: string; label: string };
  site: {
    /** What tells this site from the practitioner's others: SIRET, else the structure's technical id, else the address. */
    key: string;
    siret?: string;
    finess?: string;
    address: RppsSiteAddress;
    phone?: string;
  };
}

export type ActivityOfLine =
  | { activity: PractitionerActivity }
  /** Not an offer, and not wrong: another profession, a salaried or volunteer activity. */
  | { ignored: 'profession' | 'mode' }
  | { rejected: { line: number; reason: string } };

/**
 * One line of the Annuaire Santé extraction (its fields split on `|`) read against the
 * header: the activity of a practitioner of one of RPPS_PROFESSIONS at a liberal site, or
 * why it is ignored (another profession, not liberal) or rejected (a line with the wrong
 * number of fields, an « Identifiant PP » that is not an RPPS number) — never thrown, so
 * that a malformed line of a 2-million-line file is reported and the import goes on.
 */
export function practitionerSiteOfLine(
  fields: readonly string[],
  header: RppsHeader,
  line: number,
): ActivityOfLine {
  // The trailing `|` of each line gives an empty last field; a line without it is read the same.
  const count = fields.length === header.fields - 1 ? header.fields : fields.length;
  if (count !== header.fields) {
    return {
      rejected: {
        line,
        reason: `${fields.length} champs au lieu de ${header.fields} (ligne coupée ou « | » en trop)`,
      },
    };
  }
  const field = (column: RppsColumn): string => {
    const index = header.at[column];
    return index === undefined ? '' : (fields[index] ?? '').trim();
  };
  const professionCode = field('professionCode');
  if (!isRppsProfession(professionCode)) return { ignored: 'profession' };
  const mode = field('mode');
  if (mode !== 'L') {
    if (MODES[mode]) return { ignored: 'mode' };
    return {
      rejected: { line, reason: detached(`mode d’exercice inconnu « ${mode} » (L, S ou B attendu)`) },
    };
  }
  const rpps = field('rpps');
  const idType = field('idType');
  if (!/^\d{11}$/.test(rpps) || (idType !== '' && idType !== '8')) {
    return {
      rejected: {
        line,
        reason: detached(
          idType === '0'
            ? `identifiant ADELI « ${rpps} » (type 0) : un numéro RPPS (type 8, 11 chiffres) est attendu`
            : `identifiant PP « ${rpps} » : 11 chiffres attendus`,
        ),
      },
    };
  }
  const name = [field('firstName'), field('lastName')].filter(Boolean).join(' ');
  if (!name) return { rejected: { line, reason: 'nom d’exercice manquant' } };

  const address: RppsSiteAddress = {};
  const set = (key: keyof RppsSiteAddress, value: string) => {
    if (value) address[key] = value;
  };
  set('number', field('number'));
  set('repetition', field('repetition'));
  set('streetType', field('streetType') || field('streetTypeCode'));
  set('streetName', field('street'));
  set('distribution', field('distribution'));
  set('cedex', field('cedex'));
  set('postcode', field('postcode'));
  set('communeCode', field('communeCode'));
  set('communeName', field('communeName'));

  const siret = field('siret');
  const structureId = field('structureId');
  const savoirFaireCode = field('savoirFaireCode');
  const phone = field('phone');
  const finess = field('finess');
  return {
    activity: {
      line,
      rpps,
      name,
      profession: {
        code: professionCode,
        label: field('professionLabel') || RPPS_PROFESSIONS[professionCode],
      },
      ...(savoirFaireCode
        ? { savoirFaire: { code: savoirFaireCode, label: field('savoirFaireLabel') } }
        : {}),
      site: {
        key: siteKey(siret, structureId, address),
        ...(/^\d{14}$/.test(siret) ? { siret } : {}),
        ...(finess ? { finess } : {}),
        address,
        ...(phone ? { phone } : {}),
      },
    },
  };
}

/**
 * What tells a practitioner's sites apart: the site's SIRET, else the structure's technical id
 * (`C75912415900`), else its address folded (the same address written alike is the same site).
 */
export function siteKey(siret: string, structureId: string, address: RppsSiteAddress): string {
  if (/^\d{14}$/.test(siret)) return `s${siret}`;
  const id = foldText(structureId, '');
  if (id) return `t${id}`;
  const folded = foldText(
    [
      address.number,
      address.repetition,
      address.streetType,
      address.streetName,
      address.distribution,
      address.cedex,
      address.postcode,
      address.communeCode,
    ]
      .filter(Boolean)
      .join(' '),
  );
  return `a${createHash('sha256').update(folded).digest('hex').slice(0, 16)}`;
}

/**
 * A copy of a string that holds nothing else. A field split from a line is a slice of it, and the
 * line a slice of the chunk it was read from (64 KiB): what an import keeps until the end of the
 * file (the ids of the offers it added, the reasons of rejected lines) would keep every chunk alive
 * — measured on a generated national file, the heap passed 512 MB instead of about 250.
 */
export const detached = (text: string): string => Buffer.from(text, 'utf8').toString('utf8');

/** The offer of a practitioner at a site: the same id at every import of the same site. */
export const practitionerOfferId = (rpps: string, key: string): string => detached(`rpps-${rpps}-${key}`);
