import type { OfferRow, ReadModelQueries } from '@cls/projections';
import type { PersonalDataVault } from './vault.js';

/** Offers whose practitioners' keys are read, then their names opened, at a time. */
const OPEN_SLICE = 5000;

/**
 * The offers with their practitioners' names opened (« [donnée effacée] » once erased): the
 * portal's directory and the admin app read them so. Every site of one practitioner shares
 * one subject, whose key the vault reads once. A slice at a time: its keys read in one query,
 * then used at once — the vault keeps a key 10 s, and the national directory takes longer
 * than that to open whole (its first keys, read ahead of all, had expired and were read again
 * one by one: 251 s for 689,043 offers).
 */
export async function openPractitioners(
  rows: OfferRow[],
  vault: Pick<PersonalDataVault, 'open' | 'preload'>,
): Promise<OfferRow[]> {
  const opened: OfferRow[] = [];
  for (let start = 0; start < rows.length; start += OPEN_SLICE) {
    const slice = rows.slice(start, start + OPEN_SLICE);
    await vault.preload(
      slice.flatMap((row) => (row.practitioner?.personId ? [row.practitioner.personId] : [])),
    );
    for (const row of await Promise.all(slice.map((row) => openPractitioner(row, vault)))) opened.push(row);
  }
  return opened;
}

async function openPractitioner(row: OfferRow, vault: Pick<PersonalDataVault, 'open'>): Promise<OfferRow> {
  if (!row.practitioner?.personId) return row;
  return {
    ...row,
    practitioner: {
      ...row.practitioner,
      name: await vault.open(row.practitioner.personId, row.practitioner.name),
    },
  };
}

/**
 * The read models as the admin app reads them: the projections store names
 * sealed, as the log carries them; here, in the host, they are opened with
 * their subjects' keys (or read « [donnée effacée] ») for whoever may read them.
 * Queries that name nobody are the read models' own.
 */
export function withPersonalDataOpened(
  queries: ReadModelQueries,
  vault: PersonalDataVault,
): ReadModelQueries {
  const open = (subject: string | null | undefined, value: string | null) =>
    value !== null && subject ? vault.open(subject, value) : value;
  const openPilots = <Row extends { pilotPersons: Array<{ name: string; personId?: string }> }>(row: Row) =>
    Promise.all(
      row.pilotPersons.map(async (pilot) => ({
        ...pilot,
        name: (await open(pilot.personId, pilot.name)) ?? '',
      })),
    ).then((pilotPersons) => ({ ...row, pilotPersons }));

  const openParties = <Party extends { signer?: string; signerId?: string }>(parties: Party[]) =>
    Promise.all(
      parties.map(async (party) =>
        party.signer === undefined
          ? party
          : { ...party, signer: (await open(party.signerId, party.signer)) ?? '' },
      ),
    );

  return Object.assign(Object.create(queries) as ReadModelQueries, {
    contractSetup: async (contractId: string) => {
      const setup = await queries.contractSetup(contractId);
      if (!setup) return undefined;
      return {
        ...setup,
        parties: await openParties(setup.parties),
        signatories: await openParties(setup.signatories),
      };
    },
    users: async () => vault.openPeople(await queries.users()),
    offers: async () => openPractitioners(await queries.offers(), vault),
    offersOfSource: async (...page: Parameters<ReadModelQueries['offersOfSource']>) =>
      openPractitioners(await queries.offersOfSource(...page), vault),
    offersChangedSince: async (position: number) => {
      const changed = await queries.offersChangedSince(position);
      return changed && openPractitioners(changed, vault);
    },
    // A resident's contact, for the coordinators who check their report.
    offerReports: async (filter?: Parameters<ReadModelQueries['offerReports']>[0]) =>
      Promise.all(
        (await queries.offerReports(filter)).map(async (report) => ({
          ...report,
          contact: await open(report.contactPersonId, report.contact),
        })),
      ),
    offerReport: async (reportId: string) => {
      const report = await queries.offerReport(reportId);
      return report && { ...report, contact: await open(report.contactPersonId, report.contact) };
    },
    conventions: async (contractId: string) =>
      Promise.all(
        (await queries.conventions(contractId)).map(async (convention) => ({
          ...convention,
          parties: await Promise.all(
            convention.parties.map(async (party) => ({
              ...party,
              signer: await open(party.signerId, party.signer),
            })),
          ),
        })),
      ),
    meetings: async (contractId: string) =>
      Promise.all(
        (await queries.meetings(contractId)).map(async (meeting) => ({
          ...meeting,
          attendees: await Promise.all(
            meeting.attendees.map(async (attendee) => ({
              ...attendee,
              name: (await open(attendee.personId, attendee.name)) ?? '',
            })),
          ),
          decisions: await Promise.all(
            meeting.decisions.map(async (decision) => ({
              ...decision,
              ownerPerson: await open(decision.ownerPersonId, decision.ownerPerson),
            })),
          ),
        })),
      ),
    actions: async (filter: Parameters<ReadModelQueries['actions']>[0]) =>
      Promise.all((await queries.actions(filter)).map(openPilots)),
    action: async (actionId: string) => {
      const action = await queries.action(actionId);
      if (!action) return undefined;
      return {
        ...(await openPilots(action)),
        // The action's history carries its events' data, sealed names included.
        timeline: await Promise.all(
          action.timeline.map(async (row) => ({ ...row, data: await vault.openEvent(row.type, row.data) })),
        ),
      };
    },
  } satisfies Partial<ReadModelQueries>);
}
