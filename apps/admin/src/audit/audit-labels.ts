import type { EventType } from '@cls/domain';
import { ROLE_LABELS } from '../shared/labels.js';

/** Every event type of the domain in French: the compiler says when a new one lacks its name. */
const EVENT_TYPE_LABELS: Record<EventType, string> = {
  ContractDrafted: 'Contrat rédigé',
  ContractDraftUpdated: 'Contrat corrigé avant signature',
  AxisDefined: 'Axe défini',
  FicheActionDefined: 'Fiche-action définie',
  GovernanceBodyDefined: 'Instance de gouvernance définie',
  GovernanceBodyUpdated: 'Instance de gouvernance modifiée',
  ContractSigned: 'Contrat signé',
  ContractAmended: 'Avenant au contrat',
  ContractClosed: 'Contrat clos',
  FactRecorded: 'Fait consigné',
  AxisUpdated: 'Axe modifié',
  AxisWithdrawn: 'Axe retiré',
  FicheActionUpdated: 'Fiche-action modifiée',
  FicheActionMoved: 'Fiche-action déplacée',
  FicheActionWithdrawn: 'Fiche-action retirée',
  PlanReordered: 'Plan réordonné',
  FicheProgressReported: 'Avancement de la fiche-action',
  AmendmentDrafted: 'Projet d’avenant',
  AmendmentDraftEdited: 'Projet d’avenant modifié',
  AmendmentDraftWithdrawn: 'Projet d’avenant retiré',
  AmendmentPartySigned: 'Avenant signé par une partie',
  AmendmentSigned: 'Avenant signé',
  IndicatorDefined: 'Indicateur défini',
  IndicatorUpdated: 'Indicateur modifié',
  FundingLinePlanned: 'Ligne de financement ajoutée',
  FundingLineUpdated: 'Ligne de financement corrigée',
  FundingAmountsRecorded: 'Montants de financement renseignés',
  FundingLineWithdrawn: 'Ligne de financement retirée',
  CallForProjectsRecorded: 'Appel à projets enregistré',
  CallForProjectsUpdated: 'Appel à projets modifié',
  StaffTimeRecorded: 'Temps de travail (ETP) renseigné',
  ActionPlanned: 'Action planifiée',
  ActionStarted: 'Action démarrée',
  ProgressReported: 'État d’avancement',
  DeliverableProduced: 'Livrable produit',
  IndicatorMeasured: 'Indicateur mesuré',
  ActionCompleted: 'Action réalisée',
  ActionSuspended: 'Action suspendue',
  ActionAbandoned: 'Action abandonnée',
  ActionUpdated: 'Action modifiée',
  ActionMoved: 'Action déplacée',
  ActionWithdrawn: 'Action retirée',
  ConventionDrafted: 'Convention rédigée',
  ConventionSigned: 'Convention signée',
  ConventionAmended: 'Avenant à la convention',
  ConventionTerminated: 'Convention résiliée',
  MeetingScheduled: 'Réunion programmée',
  MeetingHeld: 'Réunion tenue',
  MeetingCancelled: 'Réunion annulée',
  DecisionFollowedUp: 'Suivi d’une décision',
  EvaluationOpened: 'Évaluation ouverte',
  ResultScored: 'Résultat coté',
  EvaluationQuestionAnswered: 'Question de l’évaluation répondue',
  EvaluationPublished: 'Évaluation publiée',
  OfferRegistered: 'Offre enregistrée',
  OfferUpdated: 'Offre modifiée',
  OfferVerified: 'Offre vérifiée',
  OfferClosed: 'Offre fermée',
  CoverageDeclared: 'Communes couvertes déclarées',
  OfferLinkedToAction: 'Offre rattachée à une action',
  OfferErrorReported: 'Erreur signalée sur une offre',
  OfferReportDismissed: 'Signalement écarté',
  OfferReportResolved: 'Signalement traité (fiche corrigée)',
  OrganisationRegistered: 'Organisation ajoutée au répertoire',
  OrganisationUpdated: 'Organisation modifiée',
  UserInvited: 'Utilisateur invité',
  RoleGranted: 'Rôle attribué',
  RoleRevoked: 'Rôle retiré',
  PersonalDataErased: 'Données personnelles effacées',
};

/** An event type in French; an unknown one (a newer server) as it is stored. */
export const eventTypeLabel = (type: string) => EVENT_TYPE_LABELS[type as EventType] ?? type;

const CATEGORY_LABELS: Record<string, string> = {
  contract: 'Contrats',
  action: 'Actions',
  convention: 'Conventions',
  meeting: 'Réunions des instances',
  evaluation: 'Évaluations',
  offer: 'Offres de santé',
  offerReport: 'Signalements d’erreur sur les offres',
  organisation: 'Répertoire des organisations',
  user: 'Comptes et rôles',
};

/** A stream category (`contract`, `action`…) in French. */
export const categoryLabel = (category: string) => CATEGORY_LABELS[category] ?? category;

/** Roles of actors that are no account: a resident's report on an offer (« Signaler une erreur »). */
const ACTOR_ROLE_LABELS: Record<string, string> = { public: 'sans compte' };

const roleLabel = (role: string) =>
  ROLE_LABELS[role as keyof typeof ROLE_LABELS] ?? ACTOR_ROLE_LABELS[role] ?? role;

/**
 * Who acted: the name the API gives (the account's, « personne effacée », or what the
 * platform did on its own: see @cls/api's actorNames), and the role they acted in.
 */
export const actorLabel = (actor: { id: string; role: string; name?: string | null }) =>
  `${actor.name ?? 'compte inconnu'} (${roleLabel(actor.role)})`;

export type TimeAxis = 'occurred' | 'recorded';

/** The two clocks of the log, as a question an auditor asks. */
export const TIME_AXIS_LABELS: Record<TimeAxis, { short: string; question: string }> = {
  occurred: { short: 'Date des faits', question: 'Ce qui était vrai ce jour-là' },
  recorded: { short: 'Date d’enregistrement', question: 'Ce que le journal savait ce jour-là' },
};

export const isTimeAxis = (value: string | null): value is TimeAxis =>
  value === 'occurred' || value === 'recorded';

const READ_MODEL_LABELS: Record<string, string> = {
  contracts: 'Contrats, axes et fiches-actions',
  action_board: 'Tableau des actions',
  deliverables: 'Livrables',
  governance: 'Conventions, instances et évaluations',
  indicators: 'Indicateurs et leurs mesures',
  means: 'Moyens des contrats',
  organisations: 'Annuaire des organisations',
  users: 'Comptes et rôles',
  offers: 'Offres de santé',
  offer_reports: 'Signalements d’erreur sur les offres',
  audit_streams: 'Contrat de chaque flux (audit)',
};

/** A read model's name in French (the table name stays visible beside it). */
export const readModelLabel = (name: string) => READ_MODEL_LABELS[name] ?? name;
