import type { OfferDetail } from '@cls/api/schemas';
import { useTRPCClient } from '@cls/web';
import { useQuery } from '@tanstack/react-query';

/**
 * The offer's card as the portal serves it (website, FINESS category, names of
 * the communes covered), asked past the browser's cache: the portal's answers
 * are public and kept a minute, and a coordinator must see her change at once.
 */
async function offerCard(id: string): Promise<OfferDetail> {
  const response = await fetch(`/trpc/portal.offer?input=${encodeURIComponent(JSON.stringify({ id }))}`, {
    cache: 'no-store',
  });
  const body = (await response.json()) as { result?: { data: OfferDetail }; error?: { message: string } };
  if (!body.result) throw new Error(body.error?.message ?? `Offre ${id} introuvable`);
  return body.result.data;
}

/**
 * One offer, as its page shows it. Its card is a public read, which neither
 * waits for this tab's last command nor says when the offer closed; so a board
 * read goes first: it waits for the read models to include that command
 * (read-your-writes), and lists the closed offers. To be replaced by one board
 * query of an offer once the API has it.
 */
export function useOffer(offerId: string) {
  const client = useTRPCClient();
  return useQuery({
    queryKey: ['offer', offerId],
    queryFn: async () => {
      const closed = await client.board.offers.query({ state: 'closed', limit: 500 });
      const offer = await offerCard(offerId);
      return { ...offer, closedOn: closed.items.find((item) => item.id === offerId)?.closedOn ?? null };
    },
  });
}

export type AdminOffer = NonNullable<ReturnType<typeof useOffer>['data']>;
