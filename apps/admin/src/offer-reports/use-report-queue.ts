import { useTRPC } from '@cls/web';
import { useQuery } from '@tanstack/react-query';

/**
 * The residents' reports this user checks: on the offers of their contracts'
 * territories (all for admins), pending ones, the oldest first.
 */
export function useReportQueue() {
  const trpc = useTRPC();
  return useQuery(trpc.reports.queue.queryOptions());
}

export type QueuedReport = NonNullable<ReturnType<typeof useReportQueue>['data']>[number];
