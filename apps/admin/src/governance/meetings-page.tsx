import './governance.css';
import {
  CancelMeetingSchema,
  DECISION_STATUS_LABELS,
  DECISION_STATUSES,
  DefineGovernanceBodySchema,
  FollowUpDecisionSchema,
  HoldMeetingSchema,
  MEETING_STATUS_LABELS,
  RecordHeldMeetingSchema,
  ScheduleMeetingSchema,
  UpdateGovernanceBodySchema,
} from '@cls/domain';
import { frenchDate, frenchList } from '@cls/french';
import { useTRPC } from '@cls/web';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { organisationsField } from '../organisations/organisation-picker.js';
import { Link } from '../router.js';
import { blanks } from '../shared/blanks.js';
import { CommandForm, type FormField } from '../shared/command-form.js';
import { Disclosure } from '../shared/disclosure.js';
import { today } from '../shared/labels.js';
import { decisionsField } from './decisions-editor.js';
import { frequencyLabel } from './frequency.js';

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** « Nom, organisation » per line. */
const attendeesField: FormField = {
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
};

const meetingsPerYearField = (initial?: number | null): FormField => ({
  name: 'meetingsPerYear',
  label: 'Fréquence prévue (réunions par an)',
  type: 'number',
  hint: 'Laisser vide si le contrat ne la dit pas : la fréquence sera « non renseignée ».',
  initial: initial == null ? '' : String(initial).replace('.', ','),
});

/** Where a refusal's « Définir l’instance de gouvernance » link leads: the form, opened and focused. */
const DEFINE_BODY_ANCHOR = 'definir-instance';
function openDefineBody() {
  const details = document.querySelector<HTMLDetailsElement>(`#${DEFINE_BODY_ANCHOR} details`);
  if (!details) return;
  details.open = true;
  details.querySelector('summary')?.focus();
}

const newMeetingId = (contractId: string) => `${contractId}.reunion-${Date.now().toString(36)}`;

/** Governance: the contract's bodies, their meetings, and the follow-up of what they decided. */
export function MeetingsPage({ contractId, canCommand }: { contractId: string; canCommand: boolean }) {
  const trpc = useTRPC();
  const bodies = useQuery(trpc.board.governanceBodies.queryOptions({ contractId }));
  const meetings = useQuery(trpc.board.meetings.queryOptions({ contractId }));
  const actions = useQuery(trpc.board.actions.queryOptions({ contractId }));
  const define = useMutation(trpc.contract.defineGovernanceBody.mutationOptions());
  const update = useMutation(trpc.contract.updateGovernanceBody.mutationOptions());
  const schedule = useMutation(trpc.meeting.schedule.mutationOptions());
  const recordHeld = useMutation(trpc.meeting.recordHeld.mutationOptions());
  const hold = useMutation(trpc.meeting.hold.mutationOptions());
  const cancel = useMutation(trpc.meeting.cancel.mutationOptions());
  const followUp = useMutation(trpc.meeting.followUpDecision.mutationOptions());
  const bodyOptions = (bodies.data ?? []).map((body): [string, string] => [body.body, body.body]);
  const actionOptions = (actions.data ?? []).map(({ actionId, code, title }) => ({ actionId, code, title }));
  const codeOf = new Map((actions.data ?? []).map((action) => [action.actionId, action.code]));
  const bodiesLoaded = !bodies.isPending;
  useEffect(() => {
    if (!bodiesLoaded) return;
    const onHash = () => {
      if (window.location.hash === `#${DEFINE_BODY_ANCHOR}`) openDefineBody();
    };
    onHash();
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [bodiesLoaded]);

  return (
    <>
      <p className="breadcrumb">
        <Link to="/">Vos contrats</Link> › <Link to={`/contrats/${contractId}`}>Contrat</Link>
      </p>
      <h1>Instances de gouvernance</h1>

      <section aria-labelledby="bodies-title">
        <h2 id="bodies-title">Instances du contrat</h2>
        {bodies.isPending ? <p>Chargement…</p> : null}
        {bodies.data?.length === 0 ? (
          <p>Aucune instance définie : définissez-en une avant d’y rattacher des réunions.</p>
        ) : null}
        <ul className="cards">
          {bodies.data?.map((body) => (
            <li key={body.body} className="card">
              <h3 className="card__title">{body.body}</h3>
              {body.role ? <p>{body.role}</p> : null}
              <p>Composition : {body.members.length === 0 ? 'non renseignée' : frenchList(body.members)}</p>
              <p>Fréquence prévue : {frequencyLabel(body.meetingsPerYear)}</p>
              {canCommand ? (
                <Disclosure label={`Modifier l’instance « ${body.body} »`}>
                  <CommandForm
                    title={`Modifier l’instance « ${body.body} »`}
                    schema={UpdateGovernanceBodySchema}
                    fields={[
                      { name: 'role', label: 'Rôle', type: 'textarea', initial: body.role },
                      organisationsField('members', 'Composition', { initial: body.members.join('\n') }),
                      meetingsPerYearField(body.meetingsPerYear),
                    ]}
                    fixed={{ contractId, body: body.body }}
                    mutation={update}
                    revision={body.revision}
                    submitLabel="Enregistrer les modifications"
                    keepValues
                  />
                </Disclosure>
              ) : null}
            </li>
          ))}
        </ul>
        {canCommand ? (
          <div id={DEFINE_BODY_ANCHOR}>
            <Disclosure label="Définir une instance">
              <CommandForm
                title="Définir une instance"
                schema={DefineGovernanceBodySchema}
                fields={[
                  {
                    name: 'body',
                    label: 'Nom de l’instance',
                    hint: 'Par exemple : COPIL, comité technique…',
                  },
                  { name: 'role', label: 'Rôle (facultatif)', type: 'textarea' },
                  organisationsField('members', 'Composition (facultatif)'),
                  meetingsPerYearField(),
                ]}
                fixed={{ contractId }}
                transform={blanks('body')}
                mutation={define}
                submitLabel="Définir l’instance"
              />
            </Disclosure>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="meetings-title">
        <h2 id="meetings-title">Réunions</h2>
        {canCommand && bodyOptions.length === 0 && !bodies.isPending ? (
          <p>
            Une réunion appartient à une instance :{' '}
            <a href="#definir-instance">définissez d’abord une instance</a>.
          </p>
        ) : null}
        {canCommand && bodyOptions.length > 0 ? (
          <div className="disclosures">
            <Disclosure label="Enregistrer une réunion déjà tenue">
              <CommandForm
                title="Enregistrer une réunion déjà tenue"
                schema={RecordHeldMeetingSchema}
                fields={[
                  { name: 'body', label: 'Instance', type: 'select', options: bodyOptions },
                  { name: 'title', label: 'Objet' },
                  { name: 'heldOn', label: 'Tenue le', type: 'date', initial: today() },
                  { name: 'place', label: 'Lieu (facultatif)' },
                  attendeesField,
                  decisionsField(actionOptions),
                  { name: 'minutesLink', label: 'Lien du compte rendu (facultatif)', type: 'url' },
                ]}
                fixed={{ contractId, meetingId: newMeetingId(contractId) }}
                transform={blanks('body', 'title')}
                mutation={recordHeld}
                submitLabel="Enregistrer la réunion"
              />
            </Disclosure>
            <Disclosure label="Programmer une réunion">
              <CommandForm
                title="Programmer une réunion"
                schema={ScheduleMeetingSchema}
                fields={[
                  { name: 'body', label: 'Instance', type: 'select', options: bodyOptions },
                  { name: 'title', label: 'Objet' },
                  { name: 'scheduledOn', label: 'Date', type: 'date', initial: today() },
                  { name: 'place', label: 'Lieu (facultatif)' },
                ]}
                fixed={{ contractId, meetingId: newMeetingId(contractId) }}
                transform={blanks('body', 'title')}
                mutation={schedule}
                submitLabel="Programmer"
              />
            </Disclosure>
          </div>
        ) : null}
        {meetings.data?.length === 0 ? <p>Aucune réunion enregistrée.</p> : null}
        <ol className="cards">
          {meetings.data?.map((meeting) => (
            <li key={meeting.meetingId} className="card" data-testid={`meeting-${meeting.meetingId}`}>
              <h3 className="card__title">
                {meeting.body} — {meeting.title}
              </h3>
              <p>
                {frenchDate(meeting.heldOn ?? meeting.scheduledOn)}
                {meeting.place ? ` · ${meeting.place}` : ''} ·{' '}
                <span className={`badge badge--${meeting.status}`}>
                  {MEETING_STATUS_LABELS[meeting.status]}
                </span>
              </p>
              {meeting.status === 'cancelled' && meeting.cancellationReason ? (
                <p>Motif de l’annulation : {meeting.cancellationReason}</p>
              ) : null}
              {meeting.status === 'held' ? (
                <>
                  <p>
                    Présents :{' '}
                    {meeting.attendees
                      .map((a) => (a.organisation ? `${a.name} (${a.organisation})` : a.name))
                      .join(', ')}
                  </p>
                  <p>
                    Compte rendu :{' '}
                    {meeting.minutesLink ? (
                      <a href={meeting.minutesLink} rel="noopener noreferrer">
                        {meeting.minutesLink}
                      </a>
                    ) : (
                      'non renseigné'
                    )}
                  </p>
                  {meeting.decisions.length === 0 ? <p>Aucune décision consignée.</p> : null}
                  {meeting.decisions.length > 0 ? (
                    <>
                      <h4>Décisions</h4>
                      <ol className="decisions">
                        {meeting.decisions.map((decision) => (
                          <li key={decision.decisionId} className="decision">
                            <p className="decision__text">{decision.text}</p>
                            <dl className="decision__facts">
                              <dt>Porteur</dt>
                              <dd>
                                {[decision.owner, decision.ownerPerson].filter(Boolean).join(' — ') ||
                                  'non renseigné'}
                              </dd>
                              <dt>Échéance</dt>
                              <dd>{decision.dueOn ? frenchDate(decision.dueOn) : 'non renseignée'}</dd>
                              {decision.actionIds.length > 0 ? (
                                <>
                                  <dt>Actions</dt>
                                  <dd>
                                    {decision.actionIds.map((actionId, index) => (
                                      <span key={actionId}>
                                        {index > 0 ? ', ' : ''}
                                        <Link to={`/actions/${actionId}`}>
                                          {codeOf.get(actionId) ?? actionId}
                                        </Link>
                                      </span>
                                    ))}
                                  </dd>
                                </>
                              ) : null}
                              <dt>Suivi</dt>
                              <dd>
                                <span
                                  className={`badge badge--decision-${decision.status}`}
                                  data-testid={`decision-status-${meeting.meetingId}-${decision.decisionId}`}
                                >
                                  {DECISION_STATUS_LABELS[decision.status]}
                                </span>
                                {decision.statusOn ? ` depuis le ${frenchDate(decision.statusOn)}` : ''}
                              </dd>
                            </dl>
                            {decision.followUps.some((followUp) => followUp.comment) ? (
                              <ul className="decision__history">
                                {decision.followUps.map((followUp, index) => (
                                  <li key={index}>
                                    {frenchDate(followUp.on)} : {DECISION_STATUS_LABELS[followUp.status]}
                                    {followUp.comment ? ` — ${followUp.comment}` : ''}
                                  </li>
                                ))}
                              </ul>
                            ) : null}
                            {canCommand ? (
                              <Disclosure label={`Suivre la décision « ${decision.text.slice(0, 40)} »`}>
                                <CommandForm
                                  title="Suivi de la décision"
                                  schema={FollowUpDecisionSchema}
                                  fields={[
                                    {
                                      name: 'status',
                                      label: 'Où en est-elle ?',
                                      type: 'select',
                                      options: DECISION_STATUSES.map((status): [string, string] => [
                                        status,
                                        DECISION_STATUS_LABELS[status],
                                      ]),
                                      initial: decision.status,
                                    },
                                    { name: 'on', label: 'À la date du', type: 'date', initial: today() },
                                    { name: 'comment', label: 'Commentaire (facultatif)', type: 'textarea' },
                                  ]}
                                  fixed={{ meetingId: meeting.meetingId, decisionId: decision.decisionId }}
                                  mutation={followUp}
                                  submitLabel="Enregistrer le suivi"
                                  // The status just recorded stays selected (it is the decision's now).
                                  keepValues={['status']}
                                />
                              </Disclosure>
                            ) : null}
                          </li>
                        ))}
                      </ol>
                    </>
                  ) : null}
                </>
              ) : null}
              {canCommand && meeting.status === 'scheduled' ? (
                <div className="disclosures">
                  <Disclosure label="Enregistrer le compte rendu">
                    <CommandForm
                      title="Compte rendu"
                      schema={HoldMeetingSchema}
                      fields={[
                        { name: 'heldOn', label: 'Tenue le', type: 'date', initial: meeting.scheduledOn },
                        attendeesField,
                        decisionsField(actionOptions),
                        { name: 'minutesLink', label: 'Lien du compte rendu (facultatif)', type: 'url' },
                      ]}
                      fixed={{ meetingId: meeting.meetingId }}
                      mutation={hold}
                      submitLabel="Enregistrer le compte rendu"
                    />
                  </Disclosure>
                  <Disclosure label="Annuler la réunion">
                    <CommandForm
                      title="Annuler la réunion"
                      schema={CancelMeetingSchema}
                      fields={[{ name: 'reason', label: 'Motif de l’annulation', type: 'textarea' }]}
                      fixed={{ meetingId: meeting.meetingId }}
                      transform={blanks('reason')}
                      mutation={cancel}
                      submitLabel="Annuler la réunion"
                    />
                  </Disclosure>
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
