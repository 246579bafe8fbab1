import { LinkOfferToActionSchema } from '@cls/domain';
import { useTRPC } from '@cls/web';
import { useMutation } from '@tanstack/react-query';
import { OfferSearch } from '../offers/offer-search.js';
import { Link } from '../router.js';
import { CommandForm, type FormField } from '../shared/command-form.js';
import { kindLabel } from '../shared/labels.js';

/** The health offers an action brought about or supports (an MSP opened, a CPTS created), and attaching one. */
export function ActionOffers({
  actionId,
  contractId,
  offers,
  deliverables,
  canCommand,
}: {
  actionId: string;
  contractId: string;
  offers: Array<{ id: string; name: string; kind: string }>;
  deliverables: Array<{ deliverableId: string; title: string }>;
  canCommand: boolean;
}) {
  const trpc = useTRPC();
  const link = useMutation(trpc.offer.linkToAction.mutationOptions());
  const fields: FormField[] = [
    {
      name: 'offerId',
      label: 'Offre',
      hint: 'tapez des mots de son nom ou sa commune, puis choisissez dans la liste',
      render: (input) => <OfferSearch input={input} exclude={offers.map((offer) => offer.id)} />,
    },
  ];
  if (deliverables.length > 0)
    fields.push({
      name: 'deliverableId',
      label: 'Livrable auquel elle répond (facultatif)',
      type: 'select',
      options: deliverables.map((deliverable): [string, string] => [
        deliverable.deliverableId,
        deliverable.title,
      ]),
    });

  return (
    <section aria-labelledby="action-offers-title">
      <h2 id="action-offers-title">Offres liées</h2>
      {offers.length === 0 ? (
        <p>Aucune offre de santé n’est rattachée à cette action.</p>
      ) : (
        <ul data-testid="action-offers">
          {offers.map((offer) => (
            <li key={offer.id}>
              <Link to={`/offres/${encodeURIComponent(offer.id)}`}>{offer.name}</Link>{' '}
              <span className="muted">({kindLabel(offer.kind)})</span>
            </li>
          ))}
        </ul>
      )}
      {canCommand ? (
        <CommandForm
          title="Rattacher une offre à l’action"
          schema={LinkOfferToActionSchema}
          fields={fields}
          fixed={{ actionId, contractId }}
          mutation={link}
          submitLabel="Rattacher l’offre"
        />
      ) : null}
    </section>
  );
}
