import { useTRPC } from '@cls/web';
import { useQuery } from '@tanstack/react-query';

/**
 * One offer, as its page shows it: the board's read, which waits for this tab's
 * last command (read-your-writes) and says when and why the offer closed.
 */
export function useOffer(offerId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.board.offer.queryOptions({ id: offerId }));
}

export type AdminOffer = NonNullable<ReturnType<typeof useOffer>['data']>;
