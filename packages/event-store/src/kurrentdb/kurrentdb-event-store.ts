export interface KurrentDBEventStoreOptions {
  connectionString: string;
}
export class KurrentDBEventStore {}
