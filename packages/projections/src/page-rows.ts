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
    const created = this.created.get(key);
    if (created) {
      Object.assign(created, change.set);
      for (const [column, value] of Object.entries(change.setIfNull ?? {})) created[column] ??= value;
      for (const [column, amount] of Object.entries(change.add ?? {}))
        created[column] = Number(created[column] ?? 0) + amount;
      return;
    }
    const pending = this.changed.get(key) ?? { set: {}, setIfNull: {}, add: {} };
    Object.assign(pending.set, change.set);
    for (const [column, value] of Object.entries(change.setIfNull ?? {})) {
      // A value set outright in this page wins over "if still empty".
      if (!(column in pending.set) && !(column in pending.setIfNull)) pending.setIfNull[column] = value;
    }
    for (const [column, amount] of Object.entries(change.add ?? {}))
      pending.add[column] = (pending.add[column] ?? 0) + amount;
    this.changed.set(key, pending);
  }

  /** Writes the page's rows; `insertSql` may compute columns (e.g. a search vector). */
  flush(tx: ProjectionTransaction, columns: string[], insertSql?: (values: string) => string): void {
    for (const row of this.created.values()) {
      const placeholders = columns.map((_, index) => `$${index + 1}`).join(', ');
      const values = columns.map((column) => row[column] ?? null);
      tx.execute(
        insertSql
          ? insertSql(placeholders)
          : `INSERT INTO ${this.table} (${columns.join(', ')}) VALUES (${placeholders})`,
        values,
      );
    }
    for (const [key, change] of this.changed) {
      const parameters: unknown[] = [key];
      const assignments: string[] = [];
      for (const [column, value] of Object.entries(change.set)) {
        parameters.push(value);
        assignments.push(`${column} = $${parameters.length}`);
      }
      for (const [column, value] of Object.entries(change.setIfNull)) {
        parameters.push(value);
        assignments.push(`${column} = coalesce(${column}, $${parameters.length})`);
      }
      for (const [column, amount] of Object.entries(change.add)) {
        parameters.push(amount);
        assignments.push(`${column} = ${column} + $${parameters.length}`);
      }
      if (assignments.length > 0) {
        tx.execute(
          `UPDATE ${this.table} SET ${assignments.join(', ')} WHERE ${this.keyColumn} = $1`,
          parameters,
        );
      }
    }
  }
}
