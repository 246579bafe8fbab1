import { useTRPC, useTRPCClient } from '@cls/web';
import { useQuery } from '@tanstack/react-query';

/**
 * One offer, as its page shows it. Its card (`portal.offer`: website, FINESS
 * category, names of the communes covered) is a public read, which neither
 * waits for this tab's last command nor says when the offer closed. So a board
 * read goes first: it waits for the read models to include that command
 * (read-your-writes), and lists the closed offers. To be replaced by one board
 * query once the API has it.
 */
export function useOffer(offerId: string) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  return useQuery({
    queryKey: [...trpc.portal.offer.queryKey({ id: offerId }), 'admin'],
    queryFn: async () => {
      const closed = await client.board.offers.query({ state: 'closed', limit: 500 });
      const offer = await client.portal.offer.query({ id: offerId });
      return { ...offer, closedOn: closed.items.find((item) => item.id === offerId)?.closedOn ?? null };
    },
  });
}

export type AdminOffer = NonNullable<ReturnType<typeof useOffer>['data']>;
