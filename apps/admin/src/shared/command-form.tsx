import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, type Ref, useEffect, useId, useRef, useState } from 'react';
import type { z } from 'zod';
import { Link } from '../router.js';
import { focusWhenShown } from './focus.js';
import { type FieldErrors, initialText, isConcurrentChange, routeErrors, valuesOf } from './form-values.js';
import { type NextStepLink, nextStepLink } from './next-steps.js';

/** What a field drawing its own input (a combobox, a list editor) gets from the form. */
export interface CustomInput {
  id: string;
  value: string;
  invalid: boolean;
  describedBy: string | undefined;
  /** The text of every input of the form. */
  values: Record<string, string>;
  onChange(value: string): void;
  /** Sets other inputs too: a commune picked fills its code, postcode and position. */
  fill(values: Record<string, string>): void;
}

export interface FormField {
  /** The value's path in the command: `name`, or `address.line` for a nested value. */
  name: string;
  label: string;
  type?:
    | 'text'
    | 'email'
    | 'password'
    | 'tel'
    | 'date'
    | 'number'
    | 'url'
    | 'textarea'
    | 'select'
    | 'list'
    | 'checkbox'
    /** Sent, not shown: set by another field (a commune's INSEE code). */
    | 'hidden';
  options?: Array<[value: string, label: string]>;
  hint?: string;
  initial?: string;
  /** Turns the input's text into the command's value (default: by `type`). */
  parse?: (text: string) => unknown;
  /** Shown, and sent, only when this holds (e.g. emergencies for hospitals only). */
  visible?: (values: Record<string, string>) => boolean;
  /** Draws the input instead of the form (it keeps the label, hint and messages). */
  render?: (input: CustomInput) => ReactNode;
}

/**
 * What the form needs of a mutation (`useMutation(trpc.action.start.mutationOptions())`):
 * it is sent what the form's schema returned, with a retry key, so a form whose schema
 * does not give what the mutation takes does not compile.
 */
export interface FormMutation<Input> {
  /** `expectedRevision` only from an edit form given the revision it was filled from. */
  mutateAsync: (input: Input & { commandId: string; expectedRevision?: number }) => Promise<unknown>;
  isPending: boolean;
}

const initialValues = (fields: FormField[]) =>
  Object.fromEntries(fields.map((field) => [field.name, initialText(field)]));

/** The revision of the stream a command reached, as its result says (none from a mutation that is not a command's). */
const revisionOf = (result: unknown): number | undefined =>
  typeof result === 'object' && result !== null && 'revision' in result && typeof result.revision === 'number'
    ? result.revision
    : undefined;

/** A date is typed as a French user writes it; the field says so. */
const hintOf = (field: FormField) =>
  field.type === 'date' ? [field.hint, 'format JJ/MM/AAAA'].filter(Boolean).join(', ') : field.hint;

/** What a failed submit shows above the button, focused and announced: every field's message, linked to it. */
interface Failure {
  /** The refusal's reason, or that the form has errors. */
  title: string;
  fields: Array<{ inputId: string; label: string; messages: string[] }>;
  /** Messages no input shows (about the whole command). */
  other: string[];
  /** The step that would lift a refusal (sign the contract…), linked. */
  nextStep?: NextStepLink;
  /** Someone else changed the same thing meanwhile (409): reload, what was typed stays. */
  reload?: boolean;
  /** Not a refusal: what happened (the data reloaded), said the same way but not as an error. */
  notice?: boolean;
}

/**
 * A form for one command: checked first with the command's own zod schema (the
 * server checks it again), field messages shown beside their input, disabled
 * while the command is sent, the result announced, the page's data refreshed
 * (and, through the read-your-writes header, already including the change).
 */
export function CommandForm<Schema extends z.ZodType<Record<string, unknown>>>({
  title,
  schema,
  fields,
  fixed,
  mutation,
  submitLabel,
  onDone,
  transform,
  keepValues = false,
  id: anchor,
  resultId,
  revision,
}: {
  title: string;
  /**
   * An edit form: the revision of the aggregate's stream its values come from (the read
   * model's `revision`), sent as `expectedRevision`. Someone else's change in between is then
   * a 409 with « Recharger », not a silent overwrite. Not for creations.
   */
  revision?: number | undefined;
  /** The form's anchor: a link to `…#<id>` (a refusal's next step) lands the focus in it. */
  id?: string;
  /**
   * The element showing the command's result (the updated status, the new row): it gets the
   * focus after a success. Without it, the form's own « Enregistré » does.
   */
  resultId?: string;
  /** The command's schema (or one refining it): checks the inputs and types what is sent. */
  schema: Schema;
  fields: FormField[];
  /** Values the form sends without showing them (the aggregate's id, today's date). */
  fixed: Partial<z.input<Schema>>;
  mutation: FormMutation<z.output<Schema>>;
  submitLabel: string;
  /** After the command succeeded, with what was sent. */
  onDone?: (command: z.output<Schema>) => void;
  /** Derives values from the others before checking (e.g. a key from a label). */
  transform?: (input: Record<string, unknown>) => Record<string, unknown>;
  /**
   * Leaves the inputs as sent (an edit form: they are the new state) instead of emptying them;
   * a list of names keeps those only (a status just recorded, while its comment empties).
   */
  keepValues?: boolean | readonly string[];
}) {
  const id = useId();
  const queryClient = useQueryClient();
  const [raw, setRaw] = useState<Record<string, string>>(() => initialValues(fields));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<Failure | undefined>();
  const summary = useRef<HTMLDivElement>(null);
  // A new failure is focused (and, as an alert, announced): the user hears what to fix.
  useEffect(() => {
    if (failure) summary.current?.focus();
  }, [failure]);
  // One id per attempt: a retry of the same submission is executed once.
  const [commandId, setCommandId] = useState(() => crypto.randomUUID());
  /*
   * Optimistic concurrency (a form given `revision`): `filledFrom` is the revision the inputs'
   * values were read at (`baseline`), sent as `expectedRevision`. While the user has typed
   * nothing, the inputs follow the page's data and its revision; once they type, both stay, so
   * a change made meanwhile by someone else answers 409 instead of being overwritten. « Recharger »
   * takes the new revision, and the new data into the inputs the user left alone: what they
   * typed stays.
   */
  const [filledFrom, setFilledFrom] = useState(revision);
  const baseline = useRef(raw);
  const [reloading, setReloading] = useState(false);
  const latestFields = useRef(fields);
  latestFields.current = fields;
  useEffect(() => {
    // A stream's revisions only grow: the page's data older than the form's own last save is passed by.
    if (revision === undefined || (filledFrom !== undefined && revision <= filledFrom)) return;
    const typed = (name: string) => raw[name] !== undefined && raw[name] !== baseline.current[name];
    if (!reloading && Object.keys(raw).some(typed)) return;
    const fresh = initialValues(latestFields.current);
    const next = Object.fromEntries(
      Object.entries(fresh).map(([name, text]) => [name, typed(name) ? (raw[name] ?? text) : text]),
    );
    baseline.current = fresh;
    setRaw(next);
    setFilledFrom(revision);
    setReloading(false);
  }, [revision, filledFrom, reloading, raw]);
  const shown = fields.filter((field) => field.visible?.(raw) ?? true);
  const inputIdOf = (name: string) => `${id}-field-${name}`;
  const routed = (messages: Array<[string, string[]]>) =>
    routeErrors(
      shown.filter((field) => field.type !== 'hidden').map((field) => field.name),
      messages,
    );
  /**
   * Marks the fields, and lists their messages (by label, in the form's order) in the summary,
   * under the refusal's reason (`title`), or else under how many fields are wrong.
   */
  function fail(
    title: string | undefined,
    messages: Array<[string, string[]]>,
    nextStep?: NextStepLink,
    reload = false,
  ) {
    const { byField, other } = routed(messages);
    setErrors(byField);
    const fieldsInError = shown
      .filter((field) => byField[field.name])
      .map((field) => ({
        inputId: inputIdOf(field.name),
        label: field.label,
        messages: byField[field.name] ?? [],
      }));
    const rest = other.filter((text) => text !== title);
    const heading =
      title ??
      (fieldsInError.length > 1
        ? `Le formulaire contient ${fieldsInError.length} erreurs :`
        : fieldsInError.length === 1
          ? 'Le formulaire contient une erreur :'
          : (rest.shift() ?? 'Le formulaire contient une erreur.'));
    setFailure({
      title: heading,
      fields: fieldsInError,
      other: rest,
      ...(nextStep ? { nextStep } : {}),
      ...(reload ? { reload } : {}),
    });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    // Where the person is now: the result takes the focus from there, not from where they go next.
    const focusedOnSubmit = document.activeElement;
    setSaved(false);
    setFailure(undefined);
    const gathered = { ...fixed, ...valuesOf(shown, raw) };
    const input = transform ? transform(gathered) : gathered;
    const checked = schema.safeParse(input);
    if (!checked.success) {
      fail(
        undefined,
        checked.error.issues.map((issue): [string, string[]] => [issue.path.join('.'), [issue.message]]),
      );
      return;
    }
    setErrors({});
    try {
      // What the schema returned is sent: the server checks it again with the same schema.
      const result = await mutation.mutateAsync({
        ...checked.data,
        commandId,
        ...(revision === undefined || filledFrom === undefined ? {} : { expectedRevision: filledFrom }),
      });
      setCommandId(crypto.randomUUID());
      // What the inputs hold now is the state the command made: the next edit starts from it.
      const kept = keepValues === true ? Object.keys(raw) : keepValues === false ? [] : keepValues;
      const next = {
        ...initialValues(fields),
        ...Object.fromEntries(kept.map((name) => [name, raw[name] ?? ''])),
      };
      baseline.current = next;
      setRaw(next);
      if (revision !== undefined) setFilledFrom(revisionOf(result) ?? filledFrom);
      setSaved(true);
      await queryClient.invalidateQueries();
      onDone?.(checked.data);
      // The result has its new data now: the focus goes to it (or to « Enregistré »).
      focusWhenShown(resultId ?? `${id}-saved`, { from: focusedOnSubmit });
    } catch (error) {
      const data = (error as { data?: { fieldErrors?: FieldErrors | null } }).data;
      fail(
        error instanceof Error ? error.message : String(error),
        Object.entries(data?.fieldErrors ?? {}).map(([path, texts]) => [path, texts ?? []]),
        nextStepLink(error),
        isConcurrentChange(error),
      );
    }
  }

  /** After a concurrent change: the page's data read again, the inputs as the user left them. */
  async function reload() {
    setReloading(true);
    await queryClient.invalidateQueries();
    setFailure({
      title: 'Données rechargées : vos saisies sont conservées. Vérifiez-les, puis envoyez à nouveau.',
      fields: [],
      other: [],
      notice: true,
    });
  }

  return (
    <form
      className="command-form"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-title`}
      id={anchor}
      tabIndex={anchor ? -1 : undefined}
    >
      <h3 id={`${id}-title`}>{title}</h3>
      {failure ? <ErrorSummary failure={failure} ref={summary} onReload={reload} /> : null}
      <fieldset disabled={mutation.isPending}>
        {shown.map((field) => (
          <Field
            key={field.name}
            field={field}
            inputId={inputIdOf(field.name)}
            errors={errors[field.name]}
            values={raw}
            fill={(values) => setRaw((current) => ({ ...current, ...values }))}
          />
        ))}
        <button type="submit" className="button">
          {mutation.isPending ? 'Envoi…' : submitLabel}
        </button>
      </fieldset>
      <p
        role="status"
        id={`${id}-saved`}
        className={saved ? 'form-message form-message--ok' : 'form-message'}
      >
        {saved ? 'Enregistré.' : null}
      </p>
    </form>
  );
}

/**
 * Why the form was not sent: focused and announced (role alert) after the submit, each
 * field's message a link to its input, and a refusal's next step a link to its form.
 */
function ErrorSummary({
  failure,
  ref,
  onReload,
}: {
  failure: Failure;
  ref: Ref<HTMLDivElement>;
  onReload: () => void;
}) {
  return (
    <div
      className={failure.notice ? 'error-summary error-summary--notice' : 'error-summary'}
      role="alert"
      tabIndex={-1}
      ref={ref}
      data-testid="error-summary"
    >
      <p className="error-summary__title">{failure.title}</p>
      {failure.fields.length > 0 ? (
        <ul>
          {failure.fields.map((field) => (
            <li key={field.inputId}>
              <a
                href={`#${field.inputId}`}
                onClick={(event) => {
                  // Not a navigation: the input gets the focus, the route stays.
                  event.preventDefault();
                  document.getElementById(field.inputId)?.focus();
                }}
              >
                {field.label} : {field.messages.join(' ')}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {failure.other.map((text) => (
        <p key={text}>{text}</p>
      ))}
      {failure.nextStep ? (
        <p className="error-summary__next">
          Étape à faire d’abord : <Link to={failure.nextStep.to}>{failure.nextStep.label}</Link>
        </p>
      ) : null}
      {failure.reload ? (
        <p>
          <button type="button" className="button button--secondary button--small" onClick={onReload}>
            Recharger les données (vos saisies restent)
          </button>
        </p>
      ) : null}
    </div>
  );
}

/** One input with its label, hint and messages (a hidden one is only its value). */
function Field({
  field,
  inputId,
  errors,
  values,
  fill,
}: {
  field: FormField;
  inputId: string;
  errors: string[] | undefined;
  values: Record<string, string>;
  fill: (values: Record<string, string>) => void;
}) {
  if (field.type === 'hidden') return null;
  const value = values[field.name] ?? '';
  const onChange = (text: string) => fill({ [field.name]: text });
  const hint = hintOf(field);
  const describedBy =
    [hint ? `${inputId}-hint` : '', errors ? `${inputId}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id: inputId,
    name: field.name,
    value,
    'aria-invalid': errors ? true : undefined,
    'aria-describedby': describedBy,
    onChange: (event: { target: { value: string } }) => onChange(event.target.value),
  };
  const label = <label htmlFor={inputId}>{field.label}</label>;
  return (
    <div
      className={`field${field.type === 'checkbox' ? ' field--checkbox' : ''}${errors ? ' field--error' : ''}`}
    >
      {field.type === 'checkbox' ? null : label}
      {hint ? (
        <span className="field__hint" id={`${inputId}-hint`}>
          {hint}
        </span>
      ) : null}
      {field.render ? (
        field.render({ id: inputId, value, invalid: Boolean(errors), describedBy, values, onChange, fill })
      ) : field.type === 'checkbox' ? (
        <span className="field__box">
          <input
            type="checkbox"
            {...common}
            value="true"
            checked={value === 'true'}
            onChange={(event) => onChange(event.target.checked ? 'true' : '')}
          />
          {label}
        </span>
      ) : field.type === 'textarea' || field.type === 'list' ? (
        <textarea rows={3} {...common} />
      ) : field.type === 'select' ? (
        <select {...common}>
          <option value="">— choisir —</option>
          {field.options?.map(([option, text]) => (
            <option key={option} value={option}>
              {text}
            </option>
          ))}
        </select>
      ) : (
        <input
          // Numbers and dates are typed as a French user writes them (« 30 % », « 15/03/2025 »):
          // text inputs, read by valuesOf, rather than the browser's own number and date inputs.
          type={field.type === 'number' || field.type === 'date' ? 'text' : (field.type ?? 'text')}
          inputMode={field.type === 'number' ? 'decimal' : field.type === 'date' ? 'numeric' : undefined}
          autoComplete={field.type === 'date' ? 'off' : undefined}
          {...common}
        />
      )}
      {errors ? (
        <p className="field__error" id={`${inputId}-error`}>
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}
