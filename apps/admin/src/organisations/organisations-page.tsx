import {
  ORGANISATION_KIND_LABELS,
  ORGANISATION_KINDS,
  type OrganisationKind,
  RegisterOrganisationSchema,
  UpdateOrganisationSchema,
} from '@cls/domain';
import { useDebounced, useTRPC } from '@cls/web';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from '../router.js';
import { CommandForm, type FormField } from '../shared/command-form.js';
import { newOrganisationId } from './organisation-picker.js';

const KIND_OPTIONS: Array<[string, string]> = ORGANISATION_KINDS.map((kind) => [
  kind,
  ORGANISATION_KIND_LABELS[kind],
]);

/** The fields of an organisation, as registered or edited (the same names as the command's). */
const detailFields = (initial?: Partial<Record<string, string>>): FormField[] => [
  { name: 'name', label: 'Nom', initial: initial?.name },
  { name: 'kind', label: 'Type', type: 'select', options: KIND_OPTIONS, initial: initial?.kind },
  {
    name: 'siret',
    label: 'SIRET (facultatif)',
    hint: '14 chiffres, espaces permis (ex. 732 829 320 00074)',
    initial: initial?.siret,
  },
  { name: 'address.line', label: 'Adresse (facultatif)', initial: initial?.line },
  { name: 'address.postcode', label: 'Code postal (facultatif)', initial: initial?.postcode },
  { name: 'address.communeName', label: 'Commune (facultatif)', initial: initial?.communeName },
  {
    name: 'website',
    label: 'Site web (facultatif)',
    type: 'url',
    hint: 'adresse complète, ex. https://www.exemple.fr',
    initial: initial?.website,
  },
];

interface OrganisationItem {
  id: string;
  name: string;
  kind: OrganisationKind;
  siret: string | null;
  addressLine: string | null;
  postcode: string | null;
  communeName: string | null;
  website: string | null;
  /** Revision of its stream as read: the edit form's `expectedRevision`. */
  revision?: number | undefined;
}

const notGiven = <span className="muted">non renseigné</span>;

/** Changes as UpdateOrganisation takes them: the fields given, and those emptied to remove. */
function toUpdate(input: Record<string, unknown>, organisation: OrganisationItem): Record<string, unknown> {
  const changes = (input.changes ?? {}) as Record<string, unknown>;
  const remove: string[] = [];
  if (changes.siret === undefined && organisation.siret) remove.push('siret');
  if (changes.website === undefined && organisation.website) remove.push('website');
  if (
    changes.address === undefined &&
    (organisation.addressLine || organisation.postcode || organisation.communeName)
  )
    remove.push('address');
  return { ...input, changes, ...(remove.length > 0 ? { remove } : {}) };
}

function EditOrganisation({ organisation, onDone }: { organisation: OrganisationItem; onDone: () => void }) {
  const trpc = useTRPC();
  const update = useMutation(trpc.organisation.update.mutationOptions());
  return (
    <CommandForm
      title={`Modifier « ${organisation.name} »`}
      schema={UpdateOrganisationSchema}
      fields={detailFields({
        name: organisation.name,
        kind: organisation.kind,
        siret: organisation.siret ?? '',
        line: organisation.addressLine ?? '',
        postcode: organisation.postcode ?? '',
        communeName: organisation.communeName ?? '',
        website: organisation.website ?? '',
      }).map((field) => ({ ...field, name: `changes.${field.name}` }))}
      fixed={{ organisationId: organisation.id }}
      transform={(input) => toUpdate(input, organisation)}
      mutation={update}
      revision={organisation.revision}
      submitLabel="Enregistrer les modifications"
      keepValues
      onDone={onDone}
    />
  );
}

/** The organisations directory: search, add, edit (administrators and coordinators). */
export function OrganisationsPage({ canCommand }: { canCommand: boolean }) {
  const trpc = useTRPC();
  const searchId = useId();
  const [text, setText] = useState('');
  const [kind, setKind] = useState<OrganisationKind | ''>('');
  const [editing, setEditing] = useState<string | undefined>();
  const query = useDebounced(text.trim(), 200);
  const organisations = useQuery({
    ...trpc.board.organisations.queryOptions({
      ...(query ? { query } : {}),
      ...(kind ? { kind } : {}),
    }),
    placeholderData: keepPreviousData,
  });
  const register = useMutation(trpc.organisation.register.mutationOptions());
  const rows = organisations.data ?? [];
  const edited = rows.find((row) => row.id === editing);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/">Vos contrats</Link>
      </p>
      <h1>Répertoire des organisations</h1>
      <p>
        Les organisations nommées par les contrats : porteurs, signataires, pilotes, partenaires. Le SIRET,
        l’adresse et le site web sont facultatifs.
      </p>
      <search className="filters" aria-label="Chercher une organisation">
        <div className="field">
          <label htmlFor={`${searchId}-text`}>Nom</label>
          <input
            id={`${searchId}-text`}
            type="search"
            value={text}
            placeholder="ex. agence régionale de santé"
            onChange={(event) => setText(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${searchId}-kind`}>Type</label>
          <select
            id={`${searchId}-kind`}
            value={kind}
            onChange={(event) => setKind(event.target.value as OrganisationKind | '')}
          >
            <option value="">Tous les types</option>
            {KIND_OPTIONS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </search>
      {organisations.isError ? <p role="alert">{organisations.error.message}</p> : null}
      <p aria-live="polite" data-testid="organisations-count">
        {organisations.isPending
          ? 'Chargement…'
          : rows.length === 0
            ? 'Aucune organisation.'
            : `${rows.length} organisation${rows.length > 1 ? 's' : ''}`}
      </p>
      {rows.length > 0 ? (
        <table className="table table--stacked" data-testid="organisations">
          <caption className="visually-hidden">Organisations du répertoire</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Type</th>
              <th scope="col">SIRET</th>
              <th scope="col">Commune</th>
              <th scope="col">Site web</th>
              {canCommand ? <th scope="col">Modifier</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row" data-label="Nom">
                  {row.name}
                </th>
                <td data-label="Type">{ORGANISATION_KIND_LABELS[row.kind]}</td>
                <td data-label="SIRET">{row.siret ?? notGiven}</td>
                <td data-label="Commune">{row.communeName ?? notGiven}</td>
                <td data-label="Site web">
                  {row.website ? (
                    <a href={row.website} rel="noopener noreferrer">
                      {row.website}
                    </a>
                  ) : (
                    notGiven
                  )}
                </td>
                {canCommand ? (
                  <td data-label="Modifier">
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      aria-label={`Modifier ${row.name}`}
                      aria-expanded={editing === row.id}
                      onClick={() => setEditing(editing === row.id ? undefined : row.id)}
                    >
                      Modifier
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {canCommand && edited ? (
        <EditOrganisation key={edited.id} organisation={edited} onDone={() => setEditing(undefined)} />
      ) : null}
      {canCommand ? (
        <CommandForm
          title="Ajouter une organisation"
          schema={RegisterOrganisationSchema}
          fields={detailFields()}
          fixed={{}}
          transform={(input) => ({
            ...input,
            organisationId: newOrganisationId(typeof input.name === 'string' ? input.name : ''),
          })}
          mutation={register}
          submitLabel="Ajouter au répertoire"
        />
      ) : null}
    </>
  );
}
