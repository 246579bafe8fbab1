import { randomUUID } from 'node:crypto';
import { migrateOnFirstUse, type Pool } from '@cls/postgres';

const migrations = [
  {
    version: 1,
    name: 'command batches',
    sql: `
      -- Correlation ids the server issued for commands sent as one batch (a CSV import),
      -- to whom, and the client's name for it (a label, never trusted as an id).
      CREATE TABLE command_batches (
        correlation_id text PRIMARY KEY,
        actor_id text NOT NULL,
        label text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
];

/** How long a batch id may be sent back: an import takes minutes, not days. */
const BATCH_HOURS = 24;

/** What the client may call a request: shown to auditors as it is, so kept short and plain. */
const LABEL = /^[\p{L}\p{N} :._'’()/-]{1,100}$/u;

/** What a command's correlation and label are, given what the request said. */
export interface Correlation {
  correlationId?: string;
  label?: string;
}

/**
 * The correlation id ties commands into one causal chain in the audit: it is the
 * server's to give. A client asks for one before sending a batch of commands
 * (`batch.begin`), then sends it back in `x-cls-correlation-id`; anything else
 * in that header (another user's batch, a made-up id such as `demo-seeds`) is
 * kept only as a label, and the command gets a correlation of its own.
 */
export class CommandBatches {
  private readonly schema: () => Promise<void>;

  constructor(private readonly pool: Pool) {
    this.schema = migrateOnFirstUse(pool, 'command_batches', migrations);
  }

  /** A new batch for this actor: its correlation id, issued here. */
  async begin(actorId: string, label: string): Promise<string> {
    await this.schema();
    const correlationId = `batch-${randomUUID()}`;
    await this.pool.query(
      `DELETE FROM command_batches WHERE created_at < now() - interval '${BATCH_HOURS} hours'`,
    );
    await this.pool.query(
      'INSERT INTO command_batches (correlation_id, actor_id, label) VALUES ($1, $2, $3)',
      [correlationId, actorId, label],
    );
    return correlationId;
  }

  /** The header of a request sent by `actorId`, as a correlation (a batch of theirs) or a label. */
  async resolve(header: string | undefined, actorId: string): Promise<Correlation> {
    if (header === undefined || !LABEL.test(header)) return {};
    if (header.startsWith('batch-')) {
      await this.schema();
      const { rows } = await this.pool.query<{ label: string }>(
        `SELECT label FROM command_batches
          WHERE correlation_id = $1 AND actor_id = $2 AND created_at > now() - interval '${BATCH_HOURS} hours'`,
        [header, actorId],
      );
      if (rows[0]) return { correlationId: header, label: rows[0].label };
    }
    return { label: header };
  }
}
