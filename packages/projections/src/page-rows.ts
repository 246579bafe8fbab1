import type { ProjectionTransaction } from './projection.js';

type Row = Record<string, unknown>;

interface Change {
  set: Row;
  /** Columns that take the value only if they are still empty (first start date…). */
  setIfNull: Row;
  add: Record<string, number>;
}

/**
 * The rows of one table that a page of events creates or changes, folded in
 * memory and written once when the page ends: a row created and changed five
 * times in a page is one INSERT, a row changed five times is one UPDATE.
 */
export class PageRows {
  private readonly created = new Map<string, Row>();
  private readonly changed = new Map<string, Change>();

  constructor(
    private readonly table: string,
    private readonly keyColumn: string,
  ) {}

  create(row: Row): void {
    this.created.set(String(row[this.keyColumn]), { ...row });
  }

  /** Sets columns; `setIfNull` only fills empty ones; `add` increments counters. */
  change(key: string, change: Partial<Change>): void {
    // Loops over the keys, no entry arrays: this runs for every event of a rebuild.
    const { set, setIfNull, add } = change;
    const created = this.created.get(key);
    if (created) {
      if (set) Object.assign(created, set);
      for (const column in setIfNull) created[column] ??= setIfNull[column];
      for (const column in add) created[column] = Number(created[column] ?? 0) + (add[column] ?? 0);
      return;
    }
    let pending = this.changed.get(key);
    if (!pending) {
      pending = { set: {}, setIfNull: {}, add: {} };
      this.changed.set(key, pending);
    }
    if (set) Object.assign(pending.set, set);
    for (const column in setIfNull) {
      // A value set outright in this page wins over "if still empty".
      if (!(column in pending.set) && !(column in pending.setIfNull))
        pending.setIfNull[column] = setIfNull[column];
    }
    for (const column in add) pending.add[column] = (pending.add[column] ?? 0) + (add[column] ?? 0);
  }

  /**
   * Writes the page's rows: one INSERT for the rows created, one UPDATE per kind
   * of change, each reading its rows as a table (`tx.rows`). `insertFrom` may
   * compute columns (e.g. a search vector) from the rows `v` of `source`.
   */
  flush(tx: ProjectionTransaction, columns: string[], insertFrom?: (source: string) => string): void {
    const source = '$1 AS v';
    if (this.created.size > 0) {
      const rows = [...this.created.values()];
      tx.execute(
        insertFrom
          ? insertFrom(source)
          : `INSERT INTO ${this.table} (${columns.join(', ')}) SELECT ${columns.map((column) => `v.${column}`).join(', ')} FROM ${source}`,
        [tx.rows(this.table, rows)],
      );
    }
    // Changes of the same columns go together.
    const kinds = new Map<string, { assignments: string[]; rows: Row[] }>();
    for (const [key, change] of this.changed) {
      const assignments = [
        ...Object.keys(change.set).map((column) => `${column} = v.${column}`),
        ...Object.keys(change.setIfNull).map((column) => `${column} = coalesce(t.${column}, v.${column})`),
        ...Object.keys(change.add).map((column) => `${column} = t.${column} + v.${column}`),
      ];
      if (assignments.length === 0) continue;
      const signature = assignments.join(', ');
      const kind = kinds.get(signature) ?? { assignments, rows: [] };
      kind.rows.push({ ...change.set, ...change.setIfNull, ...change.add, [this.keyColumn]: key });
      kinds.set(signature, kind);
    }
    for (const { assignments, rows } of kinds.values()) {
      tx.execute(
        `UPDATE ${this.table} AS t SET ${assignments.join(', ')} FROM ${source} WHERE t.${this.keyColumn} = v.${this.keyColumn}`,
        [tx.rows(this.table, rows)],
      );
    }
  }
}
