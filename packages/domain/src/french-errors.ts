import { frenchNumber } from '@cls/french';
import { z } from 'zod';

/**
 * zod's messages in French, for every check a schema leaves without its own
 * message: a French user (or an import's line-by-line report) never reads zod's
 * English (« Invalid input: expected string, received undefined »). A schema's
 * own message (`{ error: 'intitulé requis' }`) still comes first; this is the
 * fallback, set once for the process when the domain is loaded (every command
 * schema lives here). French-messages.spec.ts walks every command with bad values.
 */
const EXPECTED: Record<string, string> = {
  string: 'texte attendu',
  number: 'nombre attendu',
  int: 'nombre entier attendu',
  boolean: 'oui ou non attendu',
  array: 'liste attendue',
  object: 'valeur attendue',
  record: 'valeur attendue',
  date: 'date attendue au format JJ/MM/AAAA',
};

const FORMATS: Record<string, string> = {
  email: 'adresse électronique invalide',
  url: 'lien attendu (adresse web en http ou https)',
  date: 'date attendue au format JJ/MM/AAAA',
  uuid: 'identifiant invalide',
};

const count = (value: number | bigint) => frenchNumber(Number(value));

export function frenchIssue(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return 'valeur requise';
      return EXPECTED[issue.expected] ?? 'valeur invalide';
    case 'too_big':
      if (issue.origin === 'string') return `${count(issue.maximum)} caractères au plus`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `${count(issue.maximum)} éléments au plus`;
      return `${count(issue.maximum)} au plus`;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? 'valeur requise' : `${count(issue.minimum)} caractères au moins`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return Number(issue.minimum) <= 1
          ? 'au moins un élément'
          : `au moins ${count(issue.minimum)} éléments`;
      return `${count(issue.minimum)} au moins`;
    case 'invalid_value':
      return issue.values.length === 1 && issue.values[0] === true ? 'case à cocher' : 'choix invalide';
    case 'invalid_format':
      return FORMATS[issue.format] ?? 'format invalide';
    case 'not_multiple_of':
      return 'valeur invalide';
    default:
      return 'valeur invalide';
  }
}

z.config({ customError: frenchIssue });
