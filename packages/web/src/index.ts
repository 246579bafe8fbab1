export { Combobox, type SuggestionWords, suggestionStatus, useDebounced } from './combobox.js';
export { mountApp } from './mount.js';
export { PageFrame } from './page-frame.js';
export { PlatformStatus } from './platform-status.js';
export { ApiProvider, TRPCProvider, useTRPC, useTRPCClient } from './trpc.js';
