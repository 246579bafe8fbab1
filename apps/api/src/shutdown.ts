import type { Provider } from '@nestjs/common';

/** A provider that closes the value of `token` (a pool, a store) when the application shuts down. */
export function closeOnShutdown<T>(token: symbol, close: (value: T) => Promise<void>): Provider {
  return {
    provide: Symbol(`close ${token.description ?? 'resource'}`),
    inject: [token],
    useFactory: (value: T) => ({ onApplicationShutdown: () => close(value) }),
  };
}
