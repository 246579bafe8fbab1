import type { OrganisationKind } from '@cls/domain';
import { adoptionOf, type PlannedCommand, plan } from './plan.js';
import type { SeedContract, Seeds } from './seeds.js';

/*
 * The contracts' means as their seeds state them, and nothing more: who funds
 * the coordination or an action (a signatory's commitment, a fiche's « moyens
 * financiers »), the calls for projects a fiche names, the coordination's staff
 * time. No seed dates an amount to a year (« 15 000 € annuel pour la durée du
 * contrat », « 10 000 €/an pour 3 ans », « 20 000 euros » for a labellisation),
 * so every line is recorded without yearly amounts (« non renseigné »), the
 * source's words kept as its source. Each item below names the words of its
 * seed, and is loaded only when the seed holds them (demo spec: means.spec.ts).
 */

/** An organisation the means name, registered in the directory under a stable id. */
interface MeansOrganisation {
  organisationId: string;
  /** As the seed writes it. */
  name: string;
  kind: OrganisationKind;
}

/** A kind from the organisation's name (the seeds give none); `autre` when the name does not say. */
export function kindOfName(name: string): OrganisationKind {
  if (/\bARS\b|Agence Régionale de Santé/i.test(name)) return 'ars';
  if (/Communauté d'agglomération|Communauté de communes/i.test(name)) return 'epci';
  if (/Préfecture|\(État\)/i.test(name)) return 'etat';
  if (/Conseil départemental/i.test(name)) return 'departement';
  if (/Planning Familial/i.test(name)) return 'association';
  if (/\bPays\b.*\(SYDEL\)/.test(name)) return 'collectivite';
  return 'autre';
}

const organisationIdOf = (name: string) =>
  `org-${name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80)}`;

const organisation = (name: string): MeansOrganisation => ({
  organisationId: organisationIdOf(name),
  name,
  kind: kindOfName(name),
});

/** A fiche's funding named by its seed: the funder, what it funds, the words. */
interface SeedFunding {
  contractId: string;
  key: string;
  funder: string;
  /** An action's code, or the coordination. */
  actionCode?: string;
  label: string;
  /** Words of the seed, verbatim. */
  source: string;
}

/** The fiches' « moyens financiers » that name a funder (those whose source is « à déterminer » name none). */
const FICHE_FUNDING: SeedFunding[] = [
  {
    contractId: 'cls-coeur-herault-2024',
    key: 'clsm-ars',
    funder: 'ARS Occitanie',
    label: 'Financement du CLSM (labellisation par l’ARS Occitanie)',
    source:
      "Financement CLSM de 20 000 euros dans le cadre de la labellisation par l'ARS Occitanie (fiches 3.1 et 3.4)",
  },
  {
    contractId: 'cls-coeur-herault-2024',
    key: 'pmpss-pf34',
    funder: "Le Planning Familial de l'Hérault (PF34)",
    actionCode: '3.3-A1',
    label: 'Coordination du projet PM PSS',
    source: 'Financement PF34 à hauteur de 2h/semaine pour la coordination du projet PM PSS',
  },
];

/** The calls for projects a fiche names as its funding, and the action that answers it when the seed says which. */
const FICHE_CALLS: Array<{
  contractId: string;
  key: string;
  funder: string;
  title: string;
  actionCode?: string;
}> = [
  {
    contractId: 'cls-coeur-herault-2024',
    key: 'fiop-empp',
    funder: 'ARS Occitanie',
    // Fiche 2.1; its action 2.1-A1 « Soutenir la création d'une Equipe Mobile Psychiatrie Précarité (EMPP) ».
    title: "Appel à Projet FIOP – ARS pour la mise en place de l'EMPP",
    actionCode: '2.1-A1',
  },
  {
    contractId: 'cls-coeur-herault-2024',
    key: 'gem',
    funder: 'ARS Occitanie',
    title: 'Appel à Projet GEM – ARS',
  },
];

/** « CLS 0,7 ETP (d'un 80%) et 0,5 ETP (d'un 100%) » → one figure per post. */
const STAFF = /(CLSM?) ((?:\d+,)?\d+) ETP \(d'un (\d+) ?%\) et ((?:\d+,)?\d+) ETP \(d'un (\d+) ?%\)/g;
const number = (text: string) => Number(text.replace(',', '.'));

/** A signatory's commitment to fund the coordination's post (« financement du poste de coordinat… »). */
const FUNDS_COORDINATION = /financement du poste de coordinat/i;

const textOf = (contract: SeedContract) => JSON.stringify(contract);

/** The means of one contract its seed states. */
function planContractMeans(contract: SeedContract): PlannedCommand[] {
  const id = contract.id;
  const adoption = adoptionOf(contract);
  // Means stated by the contract's own text take effect with it (the day of the replay when it is not adopted).
  const effective = adoption ? { effectiveOn: adoption.date, effectiveOnPrecision: adoption.precision } : {};
  const seedText = textOf(contract);
  const organisations = new Map<string, MeansOrganisation>();
  const named = (name: string) => {
    const found = organisations.get(name) ?? organisation(name);
    organisations.set(name, found);
    return found.organisationId;
  };
  const commands: PlannedCommand[] = [];

  for (const funding of FICHE_FUNDING) {
    if (funding.contractId !== id || !seedText.includes(JSON.stringify(funding.source).slice(1, -1)))
      continue;
    commands.push(
      plan(`${id}:means:funding:${funding.key}`, 'PlanFundingLine', {
        contractId: id,
        fundingLineId: `${id}.financement.${funding.key}`,
        funderId: named(funding.funder),
        ...(funding.actionCode ? { actionId: `${id}.${funding.actionCode}` } : {}),
        label: funding.label,
        source: funding.source,
        amounts: [],
        ...effective,
      }),
    );
  }

  for (const [index, signatory] of contract.signatories.entries()) {
    const commitment = (signatory.commitments ?? []).find((words) => FUNDS_COORDINATION.test(words));
    if (!commitment) continue;
    commands.push(
      plan(`${id}:means:commitment:${index}`, 'PlanFundingLine', {
        contractId: id,
        fundingLineId: `${id}.financement.engagement-${index + 1}`,
        funderId: named(signatory.organisation),
        label: 'Financement du poste de coordination',
        source: `Engagement de la signature : ${commitment}`,
        amounts: [],
        ...effective,
      }),
    );
  }

  for (const call of FICHE_CALLS) {
    if (call.contractId !== id || !seedText.includes(JSON.stringify(call.title).slice(1, -1))) continue;
    commands.push(
      plan(`${id}:means:call:${call.key}`, 'RecordCallForProjects', {
        contractId: id,
        callForProjectsId: `${id}.aap.${call.key}`,
        funderId: named(call.funder),
        title: call.title,
        actionIds: call.actionCode ? [`${id}.${call.actionCode}`] : [],
        ...effective,
      }),
    );
  }

  // The coordination team's posts, as its governance body lists them, employed by the porteur.
  const porteur = contract.territory.carrier?.split(',')[0]?.trim();
  const team = (contract.governance ?? []).find((body) => /^Coordination\b/.test(body.body));
  if (porteur && adoption && team) {
    for (const member of team.members ?? []) {
      for (const match of member.matchAll(STAFF)) {
        const [, scope, firstFte = '', firstPost, secondFte = '', secondPost] = match;
        for (const [fte, post] of [
          [firstFte, firstPost],
          [secondFte, secondPost],
        ] as const) {
          const role = `Chargée de mission ${scope} (poste à ${post} %)`;
          commands.push(
            plan(`${id}:means:staff:${role}`, 'RecordStaffTime', {
              contractId: id,
              year: Number(adoption.date.slice(0, 4)),
              role,
              organisationId: named(porteur),
              fte: number(fte),
              source: member,
              ...effective,
            }),
          );
        }
      }
    }
  }

  const registrations = [...organisations.values()].map((each) =>
    plan(`organisation:${each.organisationId}`, 'RegisterOrganisation', {
      organisationId: each.organisationId,
      name: each.name,
      kind: each.kind,
    }),
  );
  return [...registrations, ...commands];
}

/** The means of every contract, after the contracts and their actions (a line may fund an action). */
export function planMeans(seeds: Seeds): PlannedCommand[] {
  const planned = seeds.contracts.flatMap(planContractMeans);
  // An organisation named by two contracts is registered once.
  const seen = new Set<string>();
  return planned.filter((command) => {
    if (command.command.type !== 'RegisterOrganisation') return true;
    if (seen.has(command.key)) return false;
    seen.add(command.key);
    return true;
  });
}
