import {
  CONVENTION_KINDS,
  CONVENTION_STATUS_LABELS,
  DraftConventionSchema,
  GOVERNANCE_BODIES,
  HoldMeetingSchema,
  MEETING_STATUS_LABELS,
  ScheduleMeetingSchema,
  SignConventionSchema,
} from '@cls/domain';
import { frenchDate } from '@cls/french';
import { useTRPC } from '@cls/web';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from '../router.js';
import { CommandForm } from '../shared/command-form.js';
import { today } from '../shared/labels.js';
import { ConventionChanges } from './convention-changes.js';

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

function Breadcrumb({ contractId }: { contractId: string }) {
  return (
    <p className="breadcrumb">
      <Link to="/">Vos contrats</Link> › <Link to={`/contrats/${contractId}`}>Contrat</Link>
    </p>
  );
}

/** Conventions and roadmaps of a contract: who signed when, and a signature per party. */
export function ConventionsPage({ contractId, canCommand }: { contractId: string; canCommand: boolean }) {
  const trpc = useTRPC();
  const conventions = useQuery(trpc.board.conventions.queryOptions({ contractId }));
  const sign = useMutation(trpc.convention.sign.mutationOptions());
  const draft = useMutation(trpc.convention.draft.mutationOptions());
  return (
    <>
      <Breadcrumb contractId={contractId} />
      <h1>Conventions et feuilles de route</h1>
      {canCommand ? (
        <CommandForm
          title="Rédiger une convention"
          schema={DraftConventionSchema}
          fields={[
            { name: 'title', label: 'Intitulé' },
            {
              name: 'kind',
              label: 'Nature',
              type: 'select',
              options: CONVENTION_KINDS.map((kind): [string, string] => [
                kind,
                kind === 'convention' ? 'Convention' : 'Feuille de route',
              ]),
            },
            { name: 'parties', label: 'Parties', type: 'list', hint: 'Une par ligne, deux au moins' },
            { name: 'object', label: 'Objet', type: 'textarea' },
          ]}
          fixed={{ contractId, conventionId: `${contractId}.convention-${Date.now().toString(36)}` }}
          mutation={draft}
          submitLabel="Rédiger"
        />
      ) : null}
      {conventions.isPending ? <p>Chargement…</p> : null}
      {conventions.data?.length === 0 ? <p>Aucune convention pour ce contrat.</p> : null}
      {conventions.data?.map((convention) => {
        const unsigned = convention.parties.filter((party) => !party.signedOn);
        return (
          <section
            key={convention.conventionId}
            className="card"
            aria-labelledby={`c-${convention.conventionId}`}
          >
            <h2 className="card__title" id={`c-${convention.conventionId}`}>
              {convention.title}
            </h2>
            <p>
              {convention.kind === 'feuille_de_route' ? 'Feuille de route' : 'Convention'} ·{' '}
              <span
                className={`badge badge--${convention.status}`}
                data-testid={`convention-status-${convention.conventionId}`}
              >
                {CONVENTION_STATUS_LABELS[convention.status]}
              </span>
            </p>
            {convention.object ? <p>{convention.object}</p> : null}
            <table className="table">
              <caption className="visually-hidden">Signatures de « {convention.title} »</caption>
              <thead>
                <tr>
                  <th scope="col">Partie</th>
                  <th scope="col">Signée</th>
                </tr>
              </thead>
              <tbody>
                {convention.parties.map((party) => (
                  <tr key={party.party}>
                    <th scope="row">{party.party}</th>
                    <td>
                      {party.signedOn
                        ? `le ${frenchDate(party.signedOn)}${party.signer ? ` par ${party.signer}` : ''}`
                        : 'pas encore'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {canCommand && unsigned.length > 0 && convention.status !== 'terminated' ? (
              <CommandForm
                title={`Enregistrer une signature — ${convention.title}`}
                schema={SignConventionSchema}
                fields={[
                  {
                    name: 'party',
                    label: 'Partie signataire',
                    type: 'select',
                    options: unsigned.map((party): [string, string] => [party.party, party.party]),
                  },
                  { name: 'signer', label: 'Signé par (facultatif)' },
                  { name: 'signedOn', label: 'Date de signature', type: 'date', initial: today() },
                ]}
                fixed={{ conventionId: convention.conventionId }}
                mutation={sign}
                submitLabel="Enregistrer la signature"
              />
            ) : null}
            <ConventionChanges convention={convention} canCommand={canCommand} />
          </section>
        );
      })}
    </>
  );
}

/** Governance meetings: schedule one, record who attended and what was decided. */
export function MeetingsPage({ contractId, canCommand }: { contractId: string; canCommand: boolean }) {
  const trpc = useTRPC();
  const meetings = useQuery(trpc.board.meetings.queryOptions({ contractId }));
  const schedule = useMutation(trpc.meeting.schedule.mutationOptions());
  const hold = useMutation(trpc.meeting.hold.mutationOptions());
  return (
    <>
      <Breadcrumb contractId={contractId} />
      <h1>Instances de gouvernance</h1>
      {canCommand ? (
        <CommandForm
          title="Programmer une réunion"
          schema={ScheduleMeetingSchema}
          fields={[
            {
              name: 'body',
              label: 'Instance',
              type: 'select',
              options: GOVERNANCE_BODIES.map((body): [string, string] => [body, body]),
            },
            { name: 'title', label: 'Objet' },
            { name: 'scheduledOn', label: 'Date', type: 'date', initial: today() },
            { name: 'place', label: 'Lieu (facultatif)' },
          ]}
          fixed={{ contractId, meetingId: `${contractId}.${Date.now().toString(36)}` }}
          mutation={schedule}
          submitLabel="Programmer"
        />
      ) : null}
      <ol className="cards">
        {meetings.data?.map((meeting) => (
          <li key={meeting.meetingId} className="card">
            <h2 className="card__title">
              {meeting.body} — {meeting.title}
            </h2>
            <p>
              {frenchDate(meeting.heldOn ?? meeting.scheduledOn)}
              {meeting.place ? ` · ${meeting.place}` : ''} ·{' '}
              <span className={`badge badge--${meeting.status}`}>
                {MEETING_STATUS_LABELS[meeting.status]}
              </span>
            </p>
            {meeting.status === 'held' ? (
              <>
                <p>
                  Présents :{' '}
                  {meeting.attendees
                    .map((a) => (a.organisation ? `${a.name} (${a.organisation})` : a.name))
                    .join(', ')}
                </p>
                {meeting.decisions.length > 0 ? (
                  <ul>
                    {meeting.decisions.map((decision) => (
                      <li key={decision.decisionId}>{decision.text}</li>
                    ))}
                  </ul>
                ) : null}
              </>
            ) : null}
            {canCommand && meeting.status === 'scheduled' ? (
              <CommandForm
                title="Compte rendu"
                schema={HoldMeetingSchema}
                fields={[
                  { name: 'heldOn', label: 'Tenue le', type: 'date', initial: meeting.scheduledOn },
                  {
                    name: 'attendees',
                    label: 'Présents',
                    type: 'list',
                    hint: 'Un par ligne : « Nom, organisation »',
                    parse: (text) =>
                      lines(text).map((line) => {
                        const [name = '', ...organisation] = line.split(',');
                        const rest = organisation.join(',').trim();
                        return rest ? { name: name.trim(), organisation: rest } : { name: name.trim() };
                      }),
                  },
                  { name: 'decisions', label: 'Décisions', type: 'list', hint: 'Une par ligne' },
                ]}
                fixed={{ meetingId: meeting.meetingId }}
                mutation={hold}
                submitLabel="Enregistrer le compte rendu"
              />
            ) : null}
          </li>
        ))}
      </ol>
    </>
  );
}
