declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser connection string of the run's PostgreSQL server (see postgres-global-setup.ts). */
    postgresServerUrl: string;
  }
}

export {};
