import { decodeCsv } from '@cls/csv';
import { useTRPC, useTRPCClient } from '@cls/web';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, useId, useState } from 'react';
import { type BatchOptions, sendBatch } from '../shared/batch.js';
import { download } from '../shared/download.js';
import { today } from '../shared/labels.js';
import {
  actionsToCsv,
  type ImportCommand,
  type PlannedUpdate,
  planProgressImport,
  toCsv,
} from './progress-csv.js';

/** Export of actions and deliverables; import of edited progress, previewed line by line before anything is sent. */
export function CsvPanel({ contractId, canCommand }: { contractId: string; canCommand: boolean }) {
  const id = useId();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const actions = useQuery(trpc.board.actions.queryOptions({ contractId }));
  const deliverables = useQuery(trpc.board.deliverables.queryOptions({ contractId }));
  const [plan, setPlan] = useState<PlannedUpdate[] | undefined>();
  const [applying, setApplying] = useState(false);
  const [report, setReport] = useState<string | undefined>();

  const exportDeliverables = () => {
    const header = ['action', 'fiche', 'livrable', 'intitulé', 'prévu', 'produit le', 'lien'];
    const rows = (deliverables.data ?? []).map((row) => [
      row.actionCode,
      row.ficheCode,
      row.deliverableId,
      row.title,
      row.planned ? 'oui' : 'non',
      row.producedOn ?? '',
      row.link ?? '',
    ]);
    download(`livrables-${contractId}.csv`, toCsv([header, ...rows]));
  };

  const read = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setReport(undefined);
    if (!file || !actions.data) return;
    // Excel in France saves CSV in Windows-1252: decodeCsv reads it as well as UTF-8.
    const { text } = decodeCsv(new Uint8Array(await file.arrayBuffer()));
    setPlan(planProgressImport(text, actions.data, today()));
  };

  const apply = async () => {
    if (!plan) return;
    setApplying(true);
    const send = (command: ImportCommand, commandId: string, options: BatchOptions) => {
      switch (command.type) {
        case 'StartAction':
          return client.action.start.mutate({ ...command.input, commandId }, options);
        case 'CompleteAction':
          return client.action.complete.mutate({ ...command.input, commandId }, options);
        case 'SuspendAction':
          return client.action.suspend.mutate({ ...command.input, commandId }, options);
        case 'AbandonAction':
          return client.action.abandon.mutate({ ...command.input, commandId }, options);
        case 'ReportProgress':
          return client.action.reportProgress.mutate({ ...command.input, commandId }, options);
      }
    };
    const outcomes = await sendBatch(
      client,
      `Import CSV ${contractId}`,
      plan.flatMap((update) => (update.command ? [{ line: update.line, command: update.command }] : [])),
      (item, commandId, options) => send(item.command, commandId, options),
    );
    setApplying(false);
    setPlan(undefined);
    setReport(outcomes.join('\n') || 'Rien à appliquer.');
    await queryClient.invalidateQueries();
  };

  const ready = plan?.filter((update) => update.command) ?? [];
  return (
    <section aria-labelledby={`${id}-title`} className="csv-panel">
      <h2 id={`${id}-title`}>Échanges par tableur (CSV)</h2>
      <p>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => download(`actions-${contractId}.csv`, actionsToCsv(actions.data ?? []))}
        >
          Exporter les actions
        </button>{' '}
        <button type="button" className="button button--secondary" onClick={exportDeliverables}>
          Exporter les livrables
        </button>
      </p>
      {canCommand ? (
        <div className="field">
          <label htmlFor={`${id}-file`}>Importer des mises à jour (export des actions modifié)</label>
          <span className="field__hint">
            Colonnes modifiables : état, avancement, pourcentage, date, motif. Rien n’est appliqué avant votre
            confirmation.
          </span>
          <input id={`${id}-file`} type="file" accept=".csv,text/csv" onChange={read} />
        </div>
      ) : null}
      {plan ? (
        <div>
          <table className="table" data-testid="import-preview">
            <caption>
              Aperçu : {ready.length} mise{ready.length > 1 ? 's' : ''} à jour, {plan.length - ready.length}{' '}
              erreur{plan.length - ready.length > 1 ? 's' : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Ligne</th>
                <th scope="col">Action</th>
                <th scope="col">Effet</th>
              </tr>
            </thead>
            <tbody>
              {plan.map((update) => (
                <tr key={update.line} className={update.error ? 'row--error' : undefined}>
                  <td>{update.line}</td>
                  <td>{update.code}</td>
                  <td>{update.error ? `Erreur : ${update.error}` : update.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {plan.length === 0 ? <p>Aucune ligne modifiée : rien à appliquer.</p> : null}
          <button type="button" className="button" disabled={applying || ready.length === 0} onClick={apply}>
            {applying
              ? 'Application…'
              : `Appliquer ${ready.length} mise${ready.length > 1 ? 's' : ''} à jour`}
          </button>
        </div>
      ) : null}
      {report ? (
        <pre role="status" className="import-report">
          {report}
        </pre>
      ) : null}
    </section>
  );
}
