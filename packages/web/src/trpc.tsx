import type { AppRouter } from '@cls/api';
import { isUnbatchable, MAX_BATCH_SIZE } from '@cls/api/schemas';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, httpLink, splitLink, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { type ReactNode, useState } from 'react';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** Highest log position a command of this tab reached. */
let lastPosition = 0;

/**
 * Read-your-writes: remembers the position each command reached, so that the
 * next reads ask the API (header `x-cls-min-position`) to wait until the read
 * models include it. What a coordinator just did is on screen at once.
 */
const rememberPosition: TRPCLink<AppRouter> =
  () =>
  ({ op, next }) =>
    observable((observer) =>
      next(op).subscribe({
        next(value) {
          const position = (value.result as { data?: { position?: unknown } }).data?.position;
          if (op.type === 'mutation' && typeof position === 'number')
            lastPosition = Math.max(lastPosition, position);
          observer.next(value);
        },
        error: (error) => observer.error(error),
        complete: () => observer.complete(),
      }),
    );

/**
 * A read is tried again once, or up to five times (1, 2, 4, 8, 16 s apart) when the
 * API answers 503: its read models still miss this tab's last command, or its
 * database is restarting. Both pass; a page that showed the data without the
 * command would stay wrong.
 */
export function retryRead(failures: number, error: unknown): boolean {
  const code = (error as { data?: { code?: unknown } } | null)?.data?.code;
  return failures < (code === 'SERVICE_UNAVAILABLE' ? 5 : 1);
}

/** Query cache and tRPC client of one app; the API is always on the same origin, at /trpc. */
export function ApiProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: retryRead } } }),
  );
  const [trpcClient] = useState(() => {
    const url = '/trpc';
    const headers = ({ opList }: { opList: ReadonlyArray<{ context: Record<string, unknown> }> }) => {
      // Commands sent as one batch (a CSV import) name their correlation: one causal chain in the audit.
      const correlationId = opList.find((op) => typeof op.context.correlationId === 'string')?.context
        .correlationId as string | undefined;
      return {
        ...(lastPosition > 0 ? { 'x-cls-min-position': String(lastPosition) } : {}),
        ...(correlationId ? { 'x-cls-correlation-id': correlationId } : {}),
      };
    };
    return createTRPCClient<AppRouter>({
      links: [
        rememberPosition,
        // Logins and password changes alone (the API refuses them in a batch); the rest batched, 20 at most.
        splitLink({
          condition: (op) => isUnbatchable(op.path),
          true: httpLink({ url, headers: ({ op }) => headers({ opList: [op] }) }),
          false: httpBatchLink({ url, maxItems: MAX_BATCH_SIZE, headers }),
        }),
      ],
    });
  });
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
