import type { ViteUserConfig } from 'vitest/config';

/** Workspace packages export their TypeScript sources under this condition. */
export declare const SOURCE_CONDITION: '@cls/source';
/** Where each package's results are written; scripts/run-tests.mjs sums them. */
export declare const REPORT_FILE: string;
/** The shared test configuration of a workspace package, merged with `overrides`. */
export declare function definePackageConfig(overrides?: ViteUserConfig): ViteUserConfig;
