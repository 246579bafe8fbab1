import { CloseOfferSchema, DeclareCoverageSchema, UpdateOfferSchema, VerifyOfferSchema } from '@cls/domain';
import { useTRPC } from '@cls/web';
import { useMutation } from '@tanstack/react-query';
import { CommandForm } from '../shared/command-form.js';
import { today } from '../shared/labels.js';
import { CoverageEditor } from './coverage-editor.js';
import { detailsOf, inputsOf, offerChanges, offerRemovals } from './offer-details.js';
import { offerDetailFields } from './offer-fields.js';
import type { AdminOffer } from './use-offer.js';

/** An edit that changes nothing is said so at once, rather than refused by the server. */
export const EditOfferSchema = UpdateOfferSchema.refine(
  (input) => Object.keys(input.changes).length > 0 || (input.remove ?? []).length > 0,
  { error: 'Aucune modification à enregistrer.' },
);

/** The forms that keep an open offer up to date: checked, corrected, its communes (CPTS), closed. */
export function OfferCommands({ offer }: { offer: AdminOffer }) {
  const trpc = useTRPC();
  const verify = useMutation(trpc.offer.verify.mutationOptions());
  const update = useMutation(trpc.offer.update.mutationOptions());
  const declare = useMutation(trpc.offer.declareCoverage.mutationOptions());
  const close = useMutation(trpc.offer.close.mutationOptions());
  const current = detailsOf(offer);
  const offerId = offer.id;

  return (
    <section aria-labelledby="offer-commands-title" className="commands">
      <h2 id="offer-commands-title">Tenir l’offre à jour</h2>
      <CommandForm
        title="Confirmer que l’offre est à jour"
        schema={VerifyOfferSchema}
        fields={[]}
        fixed={{ offerId, verifiedOn: today() }}
        mutation={verify}
        submitLabel="Marquer vérifiée aujourd’hui"
      />
      <CommandForm
        title="Modifier l’offre"
        schema={EditOfferSchema}
        fields={offerDetailFields('changes.', inputsOf(current))}
        fixed={{ offerId, verifiedOn: today() }}
        // Only what differs is sent; the edit also counts as today's verification.
        transform={(input) => ({
          ...input,
          changes: offerChanges(current, (input.changes ?? {}) as Record<string, unknown>),
          remove: offerRemovals(current, (input.changes ?? {}) as Record<string, unknown>),
        })}
        mutation={update}
        submitLabel="Enregistrer les modifications"
        keepValues
      />
      {offer.kind === 'cpts' ? (
        <CommandForm
          title="Communes couvertes par la CPTS"
          schema={DeclareCoverageSchema}
          fields={[
            {
              name: 'communes',
              label: 'Ajouter une commune',
              type: 'list',
              initial: offer.coverage.join('\n'),
              render: (input) => <CoverageEditor input={input} known={offer.coverageNames} />,
            },
          ]}
          fixed={{ offerId, declaredOn: today() }}
          mutation={declare}
          submitLabel="Enregistrer les communes"
          keepValues
        />
      ) : null}
      <CommandForm
        title="Fermer l’offre"
        schema={CloseOfferSchema}
        fields={[
          { name: 'closedOn', label: 'Date de fermeture', type: 'date', initial: today() },
          { name: 'reason', label: 'Motif (facultatif)', type: 'textarea' },
        ]}
        fixed={{ offerId }}
        mutation={close}
        submitLabel="Fermer l’offre"
      />
    </section>
  );
}
