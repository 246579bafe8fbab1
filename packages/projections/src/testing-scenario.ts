import { randomUUID } from 'node:crypto';
import { handleCommand } from '@cls/commands';
import { personalDataInClear, stoppedClock } from '@cls/commands/testing';
import type { Command } from '@cls/domain';
import type { EventStore } from '@cls/event-store';

const coordinator = { id: 'coordinatrice', role: 'coordinator' };
/** The scenario's business day: after every fact it records. */
const clock = stoppedClock('2025-06-30T12:00:00.000Z');

/**
 * A small contract life, sent through the command side as a coordinator would:
 * drafted, structured, two actions planned, signed; one started and delivering.
 */
export async function appendScenario(store: EventStore, contractId = 'cls-test'): Promise<void> {
  const plan = (code: string, ficheCode: string, deliverables: string[]): Command => ({
    type: 'PlanAction',
    actionId: `${contractId}.${code}`,
    contractId,
    ficheCode,
    code,
    title: `Action ${code} : accès aux soins des habitants`,
    pilots: ['Coordination CLS'],
    plannedYears: { years: [2024, 2025], uncertain: false },
    plannedDeliverables: deliverables.map((title, index) => ({ deliverableId: `L${index + 1}`, title })),
  });
  const actionId = `${contractId}.1.1-A1`;
  const commands: Command[] = [
    {
      type: 'DraftContract',
      contractId,
      name: 'CLS de test',
      territory: { name: 'Territoire', epci: [], communes: [] },
      period: { start: 2024, end: 2029 },
      parties: [{ organisation: 'ARS' }],
    },
    { type: 'DefineAxis', contractId, code: '1', title: 'Soins primaires' },
    { type: 'DefineAxis', contractId, code: '2', title: 'Santé mentale' },
    { type: 'DefineFicheAction', contractId, axisCode: '1', code: '1.1', title: 'Installation' },
    { type: 'DefineFicheAction', contractId, axisCode: '2', code: '2.1', title: 'CLSM' },
    // Planned before signature: after it, the plan changes only through an avenant.
    plan('1.1-A1', '1.1', ['Cartographie', 'Enquête']),
    plan('2.1-A1', '2.1', ['Annuaire']),
    { type: 'SignContract', contractId, signedOn: '2024-03-15', signatories: [{ organisation: 'ARS' }] },
    { type: 'StartAction', actionId, startedOn: '2025-01-06' },
    {
      type: 'ProduceDeliverable',
      actionId,
      deliverableId: 'L1',
      title: 'Cartographie',
      producedOn: '2025-03-14',
    },
    { type: 'ProduceDeliverable', actionId, deliverableId: 'X1', title: 'Affiche', producedOn: '2025-04-01' },
    {
      type: 'ReportProgress',
      actionId,
      reportedOn: '2025-04-02',
      progress: 'delayed',
      percentComplete: 40,
    },
  ];
  for (const command of commands) {
    await handleCommand(
      store,
      command,
      { actor: coordinator, commandId: randomUUID() },
      { clock, sealer: personalDataInClear },
    );
  }
}

/**
 * `appendScenario`, then what the other read models are fed (through the command
 * side too): indicators defined, updated and measured; means planned and recorded;
 * an organisation registered and updated; a draft contract whose action is retitled.
 * What the runner's specs fold by page and compare with event-by-event application.
 */
export async function appendEveryReadModel(store: EventStore, contractId = 'cls-test'): Promise<void> {
  await appendScenario(store, contractId);
  const actionId = `${contractId}.1.1-A1`;
  const draft = `${contractId}-brouillon`;
  const funder = `ars-${contractId}`;
  const measure = (
    indicator: string,
    value: number,
    named: { indicatorId?: string; unit?: string },
  ): Command => ({
    type: 'MeasureIndicator',
    actionId,
    ...named,
    indicator,
    value,
    period: { year: 2025 },
    measuredOn: '2025-06-30',
  });
  const commands: Command[] = [
    {
      type: 'DefineIndicator',
      contractId,
      indicatorId: `${contractId}-medecins`,
      ficheCode: '1.1',
      label: 'Nombre de médecins installés',
      unit: 'médecins',
      aggregation: 'sum',
      targets: [{ year: 2025, value: 10 }],
    },
    measure('Nombre de médecins installés', 3, { indicatorId: `${contractId}-medecins` }),
    {
      type: 'UpdateIndicator',
      contractId,
      indicatorId: `${contractId}-medecins`,
      label: 'Médecins installés',
    },
    measure('Participants aux ateliers', 12, { unit: 'personnes' }),
    { type: 'RegisterOrganisation', organisationId: funder, name: 'Agence régionale de santé', kind: 'ars' },
    { type: 'UpdateOrganisation', organisationId: funder, changes: { website: 'https://www.ars.sante.fr' } },
    {
      type: 'PlanFundingLine',
      contractId,
      fundingLineId: 'clsm',
      funderId: funder,
      actionId,
      label: 'Financement CLSM',
      amounts: [{ year: 2025, planned: 20000 }],
    },
    { type: 'RecordFundingAmounts', contractId, fundingLineId: 'clsm', year: 2025, paid: 5000 },
    {
      type: 'RecordStaffTime',
      contractId,
      year: 2025,
      role: 'Chargée de mission',
      organisationId: funder,
      fte: 0.5,
    },
    {
      type: 'DraftContract',
      contractId: draft,
      name: 'CLS en préparation',
      territory: { name: 'Territoire', epci: [], communes: [] },
      period: { start: 2026, end: 2030 },
      parties: [],
    },
    { type: 'DefineAxis', contractId: draft, code: '1', title: 'Prévention' },
    { type: 'DefineFicheAction', contractId: draft, axisCode: '1', code: '1.1', title: 'Dépistage' },
    {
      type: 'PlanAction',
      actionId: `${draft}.1`,
      contractId: draft,
      ficheCode: '1.1',
      code: '1.1-A1',
      title: 'Dépistage organisé',
      pilots: ['Coordination CLS'],
      plannedYears: { years: [2026], uncertain: false },
      plannedDeliverables: [{ deliverableId: 'L1', title: 'Campagne' }],
    },
    { type: 'UpdateAction', actionId: `${draft}.1`, title: 'Dépistage organisé des cancers' },
    // Re-planned: a fiche defined and moved at once, one with an action moved later.
    { type: 'DefineAxis', contractId: draft, code: '2', title: 'Soins' },
    { type: 'DefineFicheAction', contractId: draft, axisCode: '1', code: '1.2', title: 'Vaccination' },
    { type: 'MoveFicheAction', contractId: draft, code: '1.2', toAxisCode: '2' },
    { type: 'DefineFicheAction', contractId: draft, axisCode: '2', code: '2.1', title: 'Accès aux soins' },
    { type: 'MoveFicheAction', contractId: draft, code: '1.1', toAxisCode: '2' },
    ...[1, 2, 3].map(
      (n): Command => ({
        type: 'RegisterOffer',
        offerId: `${contractId}-msp-${n}`,
        source: 'finess',
        finess: `${String(contractId.length * 97 + n).padStart(3, '0')}${contractId.replace(/\D/g, '').padStart(6, '0')}`,
        kind: n === 3 ? 'cpts' : 'msp',
        name: `MSP n° ${n} « l’Espérance »`,
        address: {
          line: `${n} rue du Docteur Roux`,
          postcode: '34800',
          communeInsee: '34079',
          communeName: "Clermont-l'Hérault",
        },
        position: { lon: 3.43 + n / 100, lat: 43.62 },
        ...(n === 1 && { phone: '0467960000' }),
        category: { code: '603', label: 'Maison de santé (L.6223-3)' },
        verifiedOn: '2025-01-08',
      }),
    ),
    {
      type: 'UpdateOffer',
      offerId: `${contractId}-msp-1`,
      changes: { name: 'MSP du Salagou' },
      verifiedOn: '2025-02-01',
    },
    {
      type: 'DeclareCoverage',
      offerId: `${contractId}-msp-3`,
      communes: ['34079', '34142'],
      declaredOn: '2025-02-01',
    },
    { type: 'CloseOffer', offerId: `${contractId}-msp-2`, closedOn: '2025-03-01', reason: 'Regroupement' },
    {
      type: 'ReportOfferError',
      reportId: `${contractId}-signalement`,
      offerId: `${contractId}-msp-1`,
      topic: 'horaires',
      message: 'Fermé le samedi',
      reportedOn: '2025-03-02',
    },
    {
      type: 'DismissOfferReport',
      reportId: `${contractId}-signalement`,
      reason: 'Horaires vérifiés',
      dismissedOn: '2025-03-03',
    },
    {
      type: 'ReportOfferError',
      reportId: `${contractId}-signalement-2`,
      offerId: `${contractId}-msp-3`,
      topic: 'telephone',
      message: 'Numéro de téléphone changé',
      reportedOn: '2025-03-04',
    },
    { type: 'ResolveOfferReport', reportId: `${contractId}-signalement-2`, resolvedOn: '2025-03-05' },
    // Users: roles granted, one revoked (in the page of its grant or in a later one).
    {
      type: 'InviteUser',
      userId: `${contractId}-claire`,
      email: `claire.${contractId}@exemple.fr`,
      displayName: 'Claire Martin',
    },
    { type: 'GrantRole', userId: `${contractId}-claire`, role: 'coordinator', contractId },
    { type: 'GrantRole', userId: `${contractId}-claire`, role: 'pilot', actionId: `${contractId}.1.1-A1` },
    { type: 'RevokeRole', userId: `${contractId}-claire`, role: 'pilot', actionId: `${contractId}.1.1-A1` },
    {
      type: 'InviteUser',
      userId: `${contractId}-ars`,
      email: `ars.${contractId}@exemple.fr`,
      displayName: 'Délégation départementale',
    },
    { type: 'GrantRole', userId: `${contractId}-ars`, role: 'ars', departments: ['34', '11'] },
  ];
  for (const command of commands) {
    await handleCommand(
      store,
      command,
      { actor: { id: 'admin', role: 'admin' }, commandId: randomUUID() },
      { clock, sealer: personalDataInClear },
    );
  }
}
