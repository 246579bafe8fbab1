import { type OfferKind } from '@cls/domain';
import { OFFER_KIND_LABELS } from '../labels.js';

/**
 * Where else to look for a kind this directory may miss: FINESS has no private practices, and
 * the Annuaire Santé's liberal practitioners are here only once it was imported.
 */
const ELSEWHERE: Partial<Record<OfferKind, { text: string; links: Array<{ href: string; label: string }> }>> =
  {
    sage_femme: {
      text: 'Les sages-femmes exercent le plus souvent en cabinet : cet annuaire n’en connaît aucune dans cette zone. Cherchez-les aussi sur',
      links: [
        { href: 'https://annuaire.sante.fr', label: 'l’Annuaire Santé' },
        { href: 'https://annuaire.ameli.fr', label: 'l’annuaire de l’Assurance Maladie (ameli)' },
      ],
    },
  };

/**
 * What the area has none of, and where else to look: a kind asked for (in the URL) that the
 * area lacks, and the sages-femmes when none is near (when every kind is shown, or the
 * sages-femmes are asked for) — a sage-femme in the results, the pointer goes.
 */
export function MissingKinds({
  counts,
  selected,
  radiusKm,
}: {
  counts: Record<string, number>;
  selected: OfferKind[];
  radiusKm: number | null;
}) {
  const missing = (kind: OfferKind) => (counts[kind] ?? 0) === 0;
  const asked = selected.filter(missing);
  // A search for other kinds only (MSP open now) is not about sages-femmes: no pointer then.
  const pointers = (Object.keys(ELSEWHERE) as OfferKind[]).filter(
    (kind) => missing(kind) && (selected.length === 0 || selected.includes(kind)),
  );
  if (asked.length === 0 && pointers.length === 0) return null;
  return (
    <div className="missing-kinds" data-testid="missing-kinds">
      {asked.map((kind) => (
        <p key={kind}>
          Aucune offre « {OFFER_KIND_LABELS[kind].long} » dans cette zone
          {radiusKm ? ' : essayez une distance plus grande' : ''}.
        </p>
      ))}
      {pointers.map((kind) => {
        const elsewhere = ELSEWHERE[kind];
        if (!elsewhere) return null;
        return (
          <p key={kind}>
            {elsewhere.text}{' '}
            {elsewhere.links.map((link, index) => (
              <span key={link.href}>
                {index > 0 ? ' ou ' : ''}
                <a href={link.href}>{link.label}</a>
              </span>
            ))}
            .
          </p>
        );
      })}
    </div>
  );
}
