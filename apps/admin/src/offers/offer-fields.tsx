import { OFFER_KIND_LABELS, OFFER_KINDS } from '@cls/domain';
import type { FormField } from '../shared/command-form.js';
import { CommuneSearch } from './commune-search.js';
import { practicalFields } from './practical-fields.js';

/** The kinds as the select shows them: the short name, spelled out when it is an acronym. */
const KIND_OPTIONS = OFFER_KINDS.map((kind): [string, string] => {
  const { short, long } = OFFER_KIND_LABELS[kind];
  return [kind, short === long ? long : `${short} — ${long}`];
});

/**
 * The inputs describing an offer, for registering one (`prefix` empty) or
 * editing it (`changes.`), filled with `initial` (by path, see `inputsOf`).
 * Picking a commune fills its INSEE code, and, when the commune changes, its
 * postcode and a position at its centre, which the coordinator may then adjust.
 */
export function offerDetailFields(
  prefix: '' | 'changes.',
  initial: Record<string, string> = {},
): FormField[] {
  const path = (name: string) => `${prefix}${name}`;
  const field = (name: string, rest: Omit<FormField, 'name' | 'initial'>): FormField => ({
    name: path(name),
    initial: initial[name] ?? '',
    ...rest,
  });
  return [
    field('kind', { label: 'Type d’offre', type: 'select', options: KIND_OPTIONS }),
    field('name', { label: 'Nom' }),
    field('address.line', { label: 'Adresse', hint: 'numéro et voie, lieu-dit (facultatif)' }),
    field('address.communeName', {
      label: 'Commune',
      hint: 'tapez le nom ou le code postal, puis choisissez dans la liste',
      render: (input) => (
        <>
          <CommuneSearch
            id={input.id}
            text={input.value}
            invalid={input.invalid}
            describedBy={input.describedBy}
            onTextChange={(text) =>
              input.fill({ [path('address.communeName')]: text, [path('address.communeInsee')]: '' })
            }
            onPick={(commune) =>
              input.fill({
                [path('address.communeName')]: commune.name,
                [path('address.communeInsee')]: commune.insee,
                ...(commune.insee === initial['address.communeInsee']
                  ? {}
                  : {
                      [path('address.postcode')]: commune.postcodes[0] ?? '',
                      [path('position.lon')]: String(commune.lon),
                      [path('position.lat')]: String(commune.lat),
                    }),
              })
            }
          />
          {input.values[path('address.communeInsee')] ? (
            <span className="field__hint" data-testid="commune-insee">
              Code INSEE {input.values[path('address.communeInsee')]}
            </span>
          ) : null}
        </>
      ),
    }),
    field('address.communeInsee', { label: 'Code INSEE de la commune', type: 'hidden' }),
    field('address.postcode', { label: 'Code postal' }),
    field('position.lon', {
      label: 'Longitude',
      type: 'number',
      hint: 'degrés décimaux ; centre de la commune choisie, à ajuster si besoin',
    }),
    field('position.lat', {
      label: 'Latitude',
      type: 'number',
      hint: 'degrés décimaux ; centre de la commune choisie, à ajuster si besoin',
    }),
    field('phone', { label: 'Téléphone (facultatif)', type: 'tel', hint: 'ex. 04 67 00 00 00' }),
    field('website', { label: 'Site web (facultatif)', type: 'url', hint: 'https://…' }),
    field('emergency', {
      label: 'Service d’urgences',
      type: 'checkbox',
      visible: (values) => values[path('kind')] === 'hopital',
    }),
    ...practicalFields(prefix, initial),
  ];
}
