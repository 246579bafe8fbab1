import type { ContractStatus } from '@cls/domain';
import { count } from '@cls/french';
import { useTRPC, useTRPCClient } from '@cls/web';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, useEffect, useId, useRef, useState } from 'react';
import { type BatchOptions, sendBatch } from '../shared/batch.js';
import { download, XLSX_TYPE } from '../shared/download.js';
import { readPlanFile, tableToXlsx } from './plan-files.js';
import { planSnapshot } from './plan-snapshot.js';
import {
  amendmentOf,
  commandsOf,
  type ImportLine,
  PLAN_COLUMN_HINTS,
  PLAN_COLUMNS,
  type PlanCommand,
  type PlanImport,
  type PlanSnapshot,
  planImport,
  planTable,
  type TableRow,
  tableToCsv,
  templateTable,
} from './plan-table.js';

const LEVEL_LABELS = { axe: 'Axe', fiche: 'Fiche-action', action: 'Action' } as const;

/** What a line of the preview says it will do. */
function effectOf(line: ImportLine): string {
  switch (line.status) {
    case 'new':
      return 'Nouveau : sera ajouté';
    case 'unchanged':
      return 'Inchangé';
    case 'example':
      return 'Ligne d’exemple du modèle : ignorée';
    case 'changed':
      return `Modifié : ${(line.changes ?? [])
        .map((change) => `${change.column} « ${change.before} » → « ${change.after} »`)
        .join(' ; ')}`;
    case 'error':
      return (line.errors ?? [])
        .map((error) =>
          error.column === 'ligne' ? error.message : `colonne « ${error.column} » : ${error.message}`,
        )
        .join(' ; ');
  }
}

/** The plan as the read models give it: the plan tree (every fiche field), the action board, the planned deliverables. */
function usePlanSnapshot(contractId: string): PlanSnapshot | undefined {
  const trpc = useTRPC();
  const tree = useQuery(trpc.board.plan.queryOptions({ contractId }));
  const actions = useQuery(trpc.board.actions.queryOptions({ contractId }));
  const deliverables = useQuery(trpc.board.deliverables.queryOptions({ contractId }));
  if (!tree.data || !actions.data || !deliverables.data) return undefined;
  return planSnapshot(tree.data, actions.data, deliverables.data);
}

/**
 * The plan to and from a spreadsheet: export (CSV or XLSX), an empty template,
 * and an import previewed line by line — what is new, changed, unchanged, and
 * each error with its line and column — before « Appliquer » sends only the
 * commands for what changed (after signature, one draft avenant carrying them).
 */
export function PlanIoPanel({
  contractId,
  status,
  canCommand,
}: {
  contractId: string;
  status: ContractStatus;
  canCommand: boolean;
}) {
  const id = useId();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const plan = usePlanSnapshot(contractId);
  // The file as read; its preview is computed against the plan once the plan is loaded (and again if it changes).
  const [loaded, setLoaded] = useState<{ file: string; format: string; rows: TableRow[] } | undefined>();
  const preview: (PlanImport & { file: string; format: string }) | undefined =
    loaded && plan
      ? { ...planImport(loaded.rows, plan, contractId), file: loaded.file, format: loaded.format }
      : undefined;
  const previewShown = preview !== undefined;
  const [applying, setApplying] = useState(false);
  const [report, setReport] = useState<string | undefined>();
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const reportRef = useRef<HTMLPreElement>(null);

  useEffect(() => {
    if (loaded && previewShown) previewHeading.current?.focus();
  }, [loaded, previewShown]);
  useEffect(() => {
    if (report) reportRef.current?.focus();
  }, [report]);

  const exportPlan = async (format: 'csv' | 'xlsx') => {
    if (!plan) return;
    const table = planTable(plan);
    if (format === 'csv') download(`plan-${contractId}.csv`, tableToCsv(table));
    else download(`plan-${contractId}.xlsx`, await tableToXlsx(table, 'Plan'), XLSX_TYPE);
  };
  const exportTemplate = async (format: 'csv' | 'xlsx') => {
    const table = templateTable();
    if (format === 'csv') download('modele-plan.csv', tableToCsv(table));
    else download('modele-plan.xlsx', await tableToXlsx(table, 'Plan'), XLSX_TYPE);
  };

  const read = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setReport(undefined);
    if (!file) return;
    try {
      const { rows, format } = await readPlanFile(new Uint8Array(await file.arrayBuffer()));
      setLoaded({ file: file.name, format, rows });
    } catch {
      setLoaded(undefined);
      setReport(`Le fichier « ${file.name} » n’a pas pu être lu : enregistrez-le en CSV ou en XLSX.`);
    }
  };

  const send = (command: PlanCommand, commandId: string, options: BatchOptions) => {
    switch (command.type) {
      case 'DefineAxis':
        return client.contract.defineAxis.mutate({ ...command.input, commandId }, options);
      case 'DefineFicheAction':
        return client.contract.defineFicheAction.mutate({ ...command.input, commandId }, options);
      case 'PlanAction':
        return client.action.plan.mutate({ ...command.input, commandId }, options);
      case 'UpdateAxis':
        return client.contract.updateAxis.mutate({ ...command.input, commandId }, options);
      case 'UpdateFicheAction':
        return client.contract.updateFicheAction.mutate({ ...command.input, commandId }, options);
      case 'MoveFicheAction':
        return client.contract.moveFicheAction.mutate({ ...command.input, commandId }, options);
      case 'UpdateAction':
        return client.action.update.mutate({ ...command.input, commandId }, options);
      case 'MoveAction':
        return client.action.move.mutate({ ...command.input, commandId }, options);
    }
  };

  const apply = async () => {
    if (!preview) return;
    setApplying(true);
    if (status === 'signed') {
      // After signature the plan changes only through an avenant: the import becomes one draft the parties sign.
      const draft = amendmentOf(preview, {
        contractId,
        amendmentId: `import-${crypto.randomUUID()}`,
        file: preview.file,
      });
      let outcome = 'Rien à appliquer.';
      if (draft) {
        try {
          await client.contract.draftAmendment.mutate({ ...draft, commandId: crypto.randomUUID() });
          outcome = `Projet d’avenant « ${draft.title} » préparé : ${count(draft.changes.length, 'changement')}. ${draft.changes.length > 1 ? 'Ils s’appliqueront' : 'Il s’appliquera'} au plan quand toutes les parties l’auront signé.`;
        } catch (error) {
          outcome = `Projet d’avenant refusé — ${error instanceof Error ? error.message : String(error)}`;
        }
      }
      setApplying(false);
      setLoaded(undefined);
      setReport(outcome);
      await queryClient.invalidateQueries();
      return;
    }
    const outcomes = await sendBatch(
      client,
      `Import du plan ${contractId}`,
      commandsOf(preview),
      (item, commandId, options) => send(item.command, commandId, options),
    );
    setApplying(false);
    setLoaded(undefined);
    setReport(outcomes.join('\n') || 'Rien à appliquer.');
    await queryClient.invalidateQueries();
  };

  const counts = preview
    ? {
        new: preview.lines.filter((line) => line.status === 'new').length,
        changed: preview.lines.filter((line) => line.status === 'changed').length,
        unchanged: preview.lines.filter((line) => line.status === 'unchanged').length,
        errors: preview.lines.filter((line) => line.status === 'error').length,
      }
    : undefined;
  const applicable =
    preview?.lines.filter((line) => line.status !== 'error' && (line.commands ?? []).length > 0) ?? [];
  const additions = applicable.filter((line) => line.status === 'new').length;
  const modifications = applicable.length - additions;
  const what = [
    additions > 0 ? count(additions, 'ajout') : '',
    modifications > 0 ? count(modifications, 'modification') : '',
  ]
    .filter(Boolean)
    .join(' et ');

  return (
    <section aria-labelledby={`${id}-title`} className="csv-panel">
      <h2 id={`${id}-title`}>Le plan dans un tableur (CSV ou XLSX)</h2>
      <div className="contract-nav">
        <button
          type="button"
          className="button button--secondary"
          disabled={!plan}
          onClick={() => exportPlan('csv')}
        >
          Exporter le plan (CSV)
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={!plan}
          onClick={() => exportPlan('xlsx')}
        >
          Exporter le plan (XLSX)
        </button>
        <button type="button" className="button button--secondary" onClick={() => exportTemplate('csv')}>
          Modèle vide (CSV)
        </button>
        <button type="button" className="button button--secondary" onClick={() => exportTemplate('xlsx')}>
          Modèle vide (XLSX)
        </button>
      </div>
      {canCommand ? (
        <div className="field">
          <label htmlFor={`${id}-file`}>Importer un plan (CSV ou XLSX)</label>
          <span className="field__hint" id={`${id}-hint`}>
            Partez de l’export ou du modèle : une ligne par axe, fiche-action ou action ; les listes (pilotes,
            objectifs, livrables…) une par ligne de la cellule. CSV séparé par « ; » ou « , », en UTF-8 ou
            Windows-1252. Seul ce qui a changé est appliqué (après la signature : sous forme d’un projet
            d’avenant) ; rien ne l’est avant votre confirmation.
          </span>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={`${id}-hint`}
            onChange={read}
          />
          <details className="disclosure">
            <summary className="button button--secondary button--small">Colonnes du modèle</summary>
            <dl className="facts">
              {PLAN_COLUMNS.map((column) => (
                <div key={column}>
                  <dt>{column}</dt>
                  <dd>{PLAN_COLUMN_HINTS[column]}</dd>
                </div>
              ))}
            </dl>
          </details>
        </div>
      ) : null}
      {preview && counts ? (
        <div data-testid="plan-import">
          <h3 ref={previewHeading} tabIndex={-1}>
            Aperçu de l’import de « {preview.file} »
          </h3>
          <p role="status">
            {preview.format} : {count(counts.new, 'ajout')}, {count(counts.changed, 'modification')},{' '}
            {count(counts.unchanged, 'ligne inchangée', 'lignes inchangées')},{' '}
            {count(counts.errors, 'ligne en erreur', 'lignes en erreur')}.
            {preview.notInFile > 0
              ? ` ${count(preview.notInFile, 'élément du plan absent', 'éléments du plan absents')} du fichier : ${preview.notInFile > 1 ? 'ils restent' : 'il reste'} tel${preview.notInFile > 1 ? 's' : ''} quel${preview.notInFile > 1 ? 's' : ''}.`
              : ''}
          </p>
          {counts.errors > 0 ? (
            <div role="alert" className="import-errors">
              <p>
                {count(counts.errors, 'ligne', 'lignes')} en erreur ne {counts.errors > 1 ? 'seront' : 'sera'}{' '}
                pas importée{counts.errors > 1 ? 's' : ''} : corrigez le fichier puis importez-le de nouveau.
              </p>
              <ul>
                {preview.lines
                  .filter((line) => line.status === 'error')
                  .map((line) => (
                    <li key={line.line}>
                      Ligne {line.line} — {effectOf(line)}
                    </li>
                  ))}
              </ul>
            </div>
          ) : null}
          <table className="table table--stacked" data-testid="plan-import-preview">
            <caption className="visually-hidden">Ce que l’import changera, ligne par ligne</caption>
            <thead>
              <tr>
                <th scope="col">Ligne</th>
                <th scope="col">Niveau</th>
                <th scope="col">Code</th>
                <th scope="col">Intitulé</th>
                <th scope="col">Effet</th>
              </tr>
            </thead>
            <tbody>
              {preview.lines.map((line) => (
                <tr key={line.line} className={line.status === 'error' ? 'row--error' : undefined}>
                  <td data-label="Ligne">{line.line}</td>
                  <td data-label="Niveau">{line.level ? LEVEL_LABELS[line.level] : '—'}</td>
                  <td data-label="Code">{line.code || '—'}</td>
                  <td data-label="Intitulé">{line.title || '—'}</td>
                  <td data-label="Effet">{effectOf(line)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {status === 'signed' ? (
            <p>
              Le contrat est signé : son plan ne change plus que par un avenant. L’import prépare donc un
              projet d’avenant, que les parties signeront ; ses changements s’appliqueront à leur dernière
              signature.
            </p>
          ) : null}
          {status === 'closed' ? <p>Le contrat est clos : son plan ne change plus.</p> : null}
          <button
            type="button"
            className="button"
            disabled={applying || applicable.length === 0 || status === 'closed'}
            onClick={apply}
          >
            {applying
              ? 'Application…'
              : applicable.length === 0
                ? 'Rien à appliquer'
                : status === 'signed'
                  ? `Préparer un projet d’avenant (${what})`
                  : `Appliquer ${what}`}
          </button>
        </div>
      ) : null}
      {report ? (
        <pre role="status" className="import-report" ref={reportRef} tabIndex={-1}>
          {report}
        </pre>
      ) : null}
    </section>
  );
}
