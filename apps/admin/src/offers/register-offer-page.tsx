import { RegisterOfferSchema } from '@cls/domain';
import { useTRPC } from '@cls/web';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, navigate } from '../router.js';
import { CommandForm } from '../shared/command-form.js';
import { slugOf, today } from '../shared/labels.js';
import { withParts } from './offer-details.js';
import { offerDetailFields } from './offer-fields.js';

/** Registering by hand an offer FINESS lacks (a midwife in private practice, a CPTS…); then its page. */
export function RegisterOfferPage({ canCommand }: { canCommand: boolean }) {
  const trpc = useTRPC();
  const register = useMutation(trpc.offer.register.mutationOptions());
  // Fixed for the visit: a retried submission names the same offer.
  const [suffix] = useState(() => Date.now().toString(36));
  return (
    <>
      <p className="breadcrumb">
        <Link to="/">Vos contrats</Link> › <Link to="/offres">Offres de santé</Link>
      </p>
      <h1>Enregistrer une offre</h1>
      <p className="hint">
        Pour une offre absente de FINESS : sage-femme libérale, CPTS, permanence… Elle est datée comme
        vérifiée aujourd’hui.
      </p>
      {canCommand ? (
        <CommandForm
          title="Nouvelle offre"
          schema={RegisterOfferSchema}
          fields={offerDetailFields('')}
          fixed={{ source: 'manual', verifiedOn: today() }}
          transform={(input) => ({
            ...withParts(input),
            offerId: `${slugOf(String(input.name ?? '')) || 'offre'}-${suffix}`,
          })}
          mutation={register}
          submitLabel="Enregistrer l’offre"
          onDone={(input) => navigate(`/offres/${encodeURIComponent(String(input.offerId))}`)}
        />
      ) : (
        <p className="muted">Consultation seule.</p>
      )}
    </>
  );
}
