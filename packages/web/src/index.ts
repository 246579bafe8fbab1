export { PlatformStatus } from './platform-status.js';
export { ApiProvider, TRPCProvider, useTRPC } from './trpc.js';
