import { useId } from 'react';
import { OrganisationPicker } from '../organisations/organisation-picker.js';
import type { CustomInput, FormField } from '../shared/command-form.js';
import { focusWhenShown } from '../shared/focus.js';

/**
 * The decisions of a meeting as a form input: one block per decision — its
 * text, the organisation carrying it (from the directory), or a person, its due
 * date and the action it concerns. The form keeps them as JSON text; `parse`
 * gives the command the decisions, empty inputs left out.
 */
interface DecisionRow {
  text: string;
  owner: string;
  ownerPerson: string;
  dueOn: string;
  actionId: string;
}

const emptyRow = (): DecisionRow => ({ text: '', owner: '', ownerPerson: '', dueOn: '', actionId: '' });

const rowsOf = (value: string): DecisionRow[] => {
  if (!value) return [];
  try {
    return JSON.parse(value) as DecisionRow[];
  } catch {
    return [];
  }
};

/** The decisions as the command takes them (empty blocks dropped, empty inputs absent). */
export const parseDecisions = (value: string) =>
  rowsOf(value)
    .filter((row) => Object.values(row).some((text) => text.trim() !== ''))
    .map((row) => ({
      text: row.text.trim(),
      ...(row.owner.trim() ? { owner: row.owner.trim() } : {}),
      ...(row.ownerPerson.trim() ? { ownerPerson: row.ownerPerson.trim() } : {}),
      ...(row.dueOn ? { dueOn: row.dueOn } : {}),
      ...(row.actionId ? { actionIds: [row.actionId] } : {}),
    }));

type ActionOption = { actionId: string; code: string; title: string };

function DecisionsEditor({ input, actions }: { input: CustomInput; actions: ActionOption[] }) {
  const id = useId();
  const rows = rowsOf(input.value);
  const set = (next: DecisionRow[]) => input.onChange(next.length === 0 ? '' : JSON.stringify(next));
  const change = (index: number, patch: Partial<DecisionRow>) =>
    set(rows.map((row, at) => (at === index ? { ...row, ...patch } : row)));
  return (
    <div className="decisions-editor" id={input.id} aria-describedby={input.describedBy}>
      {rows.length === 0 ? <p className="field__hint">Aucune décision saisie.</p> : null}
      {rows.map((row, index) => {
        const at = `${id}-${index}`;
        return (
          // Blocks are only ever added at the end or removed: their position is their identity.
          <fieldset key={index} className="decision-row">
            <legend>Décision {index + 1}</legend>
            <div className="field">
              <label htmlFor={`${at}-text`}>Décision</label>
              <textarea
                id={`${at}-text`}
                rows={2}
                value={row.text}
                aria-invalid={input.invalid || undefined}
                onChange={(event) => change(index, { text: event.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={`${at}-owner`}>Porteur (organisation)</label>
              <OrganisationPicker
                id={`${at}-owner`}
                value={row.owner}
                onChange={(name) => change(index, { owner: name })}
              />
            </div>
            <div className="field">
              <label htmlFor={`${at}-person`}>Ou personne responsable (facultatif)</label>
              <input
                id={`${at}-person`}
                value={row.ownerPerson}
                onChange={(event) => change(index, { ownerPerson: event.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={`${at}-due`}>Échéance (facultatif)</label>
              {/* Typed JJ/MM/AAAA as every date of the app (the domain's DateSchema reads it), not the browser's locale. */}
              <span className="field__hint" id={`${at}-due-hint`}>
                format JJ/MM/AAAA
              </span>
              <input
                id={`${at}-due`}
                inputMode="numeric"
                autoComplete="off"
                aria-describedby={`${at}-due-hint`}
                value={row.dueOn}
                onChange={(event) => change(index, { dueOn: event.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={`${at}-action`}>Action concernée (facultatif)</label>
              <select
                id={`${at}-action`}
                value={row.actionId}
                onChange={(event) => change(index, { actionId: event.target.value })}
              >
                <option value="">— aucune —</option>
                {actions.map((action) => (
                  <option key={action.actionId} value={action.actionId}>
                    {action.code} — {action.title}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => {
                set(rows.filter((_, at) => at !== index));
                document.getElementById(`${id}-add`)?.focus();
              }}
            >
              Retirer la décision {index + 1}
            </button>
          </fieldset>
        );
      })}
      <button
        type="button"
        id={`${id}-add`}
        className="button button--secondary button--small"
        onClick={() => {
          set([...rows, emptyRow()]);
          // The new block's first input, once drawn: unless the person has gone on to another field meanwhile.
          focusWhenShown(`${id}-${rows.length}-text`);
        }}
      >
        Ajouter une décision
      </button>
    </div>
  );
}

/** A CommandForm field for a meeting's decisions. */
export const decisionsField = (actions: ActionOption[]): FormField => ({
  name: 'decisions',
  label: 'Décisions',
  hint: 'Chaque décision avec son porteur, son échéance et l’action qu’elle concerne, si elle en a.',
  parse: parseDecisions,
  render: (input) => <DecisionsEditor input={input} actions={actions} />,
});
