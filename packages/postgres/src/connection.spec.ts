import { describe, expect, it } from 'vitest';
import { withDatabase } from './connection.js';

describe('withDatabase', () => {
  it('keeps the server and credentials and swaps the database', () => {
    expect(withDatabase('postgres://u:p%40ss@db.local:6543/postgres?sslmode=require', 'cls')).toBe(
      'postgres://u:p%40ss@db.local:6543/cls?sslmode=require',
    );
  });

  it('encodes a database name that needs it', () => {
    expect(withDatabase('postgres://u@h/postgres', 'santé publique')).toBe(
      'postgres://u@h/sant%C3%A9%20publique',
    );
  });
});
