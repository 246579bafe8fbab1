import type { PublicAction, PublicContract } from '@cls/api';
import { isOfferKind } from '@cls/domain';
import type { ReadModelQueries } from '@cls/projections';

/**
 * A contract's public page (transparency): its axes, fiches and actions with
 * their status, the deliverables produced and the offers they opened — read
 * from the same read models as the admin app, without pilots, partners or any
 * other name of a person.
 */
export async function publicContract(
  queries: ReadModelQueries,
  contractId: string,
  territoryCommunes: (territoryName: string) => string[],
): Promise<PublicContract | undefined> {
  const overview = await queries.contractOverview(contractId);
  if (!overview) return undefined;
  const [actions, deliverables, offers] = await Promise.all([
    queries.actions({ contractId }),
    queries.deliverables(contractId),
    queries.offers(),
  ]);
  const producedByAction = new Map<string, PublicAction['deliverablesProduced']>();
  for (const deliverable of deliverables) {
    if (!deliverable.producedOn) continue;
    const list = producedByAction.get(deliverable.actionCode) ?? [];
    list.push({ title: deliverable.title, producedOn: deliverable.producedOn, link: deliverable.link });
    producedByAction.set(deliverable.actionCode, list);
  }
  const offersByAction = new Map<string, PublicAction['offers']>();
  for (const offer of offers) {
    for (const link of offer.links) {
      if (link.contractId !== contractId || !isOfferKind(offer.kind)) continue;
      offersByAction.set(link.actionId, [
        ...(offersByAction.get(link.actionId) ?? []),
        { id: offer.id, name: offer.name, kind: offer.kind },
      ]);
    }
  }
  const { contract } = overview;
  return {
    contractId,
    name: contract.name,
    territoryName: contract.territory,
    periodStart: contract.periodStart,
    periodEnd: contract.periodEnd,
    status: contract.status,
    signedOn: contract.signedOn,
    communes: territoryCommunes(contract.territory),
    axes: overview.axes.map((axis) => ({
      code: axis.code,
      title: axis.title,
      fiches: axis.fiches.map((fiche) => ({
        code: fiche.code,
        title: fiche.title,
        actions: actions
          .filter((action) => action.ficheCode === fiche.code)
          .map((action) => ({
            actionId: action.actionId,
            code: action.code,
            title: action.title,
            status: action.status,
            plannedYears: action.plannedYears,
            deliverablesPlanned: action.deliverablesPlanned,
            deliverablesProduced: producedByAction.get(action.code) ?? [],
            offers: offersByAction.get(action.actionId) ?? [],
          })),
      })),
    })),
  };
}
