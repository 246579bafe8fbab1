/** Particles written in lower case inside a person's name (« Isabelle de Ruijter », « Jean d’Ormesson »). */
const PARTICLES = new Set([
  'de',
  'du',
  'des',
  'd',
  'le',
  'la',
  'les',
  'van',
  'von',
  'der',
  'den',
  'di',
  'da',
  'del',
]);

const capitalised = (part: string) =>
  part.charAt(0).toLocaleUpperCase('fr-FR') + part.slice(1).toLocaleLowerCase('fr-FR');

/**
 * A person's name as people write it, from a directory's capitals (the Annuaire Santé's
 * « ANNE-SOPHIE GÉRARD », « ISABELLE DE RUIJTER »): each part capitalised, hyphens and apostrophes
 * kept, particles after the first word in lower case (« Anne-Sophie Gérard », « Isabelle de
 * Ruijter », « Jean d'Ormesson »). A name already written with lower-case letters is left as is.
 * Unlike an establishment's name, no word is taken for an acronym: « CÔTÉ » is « Côté ».
 */
export function personName(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (/\p{Ll}/u.test(trimmed)) return trimmed;
  return trimmed
    .split(' ')
    .map((word, index) =>
      word
        .split(/([-'’])/)
        .map((part, at, parts) => {
          if (part === '-' || part === "'" || part === '’') return part;
          const lower = part.toLocaleLowerCase('fr-FR');
          // « DE », « D' » after the first word; a part after a hyphen is a name of its own.
          const followsHyphen = at > 0 && parts[at - 1] === '-';
          return index > 0 && !followsHyphen && at === 0 && PARTICLES.has(lower) ? lower : capitalised(part);
        })
        .join(''),
    )
    .join(' ');
}
