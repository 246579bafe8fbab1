import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import type { z } from 'zod';
import { type FieldErrors, routeErrors, valuesOf } from './form-values.js';

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
  mutateAsync: (input: Input & { commandId: string }) => Promise<unknown>;
  isPending: boolean;
}

const initialValues = (fields: FormField[]) =>
  Object.fromEntries(fields.map((field) => [field.name, field.initial ?? '']));

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
}: {
  title: string;
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
  /** Leaves the inputs as sent (an edit form: they are the new state) instead of emptying them. */
  keepValues?: boolean;
}) {
  const id = useId();
  const queryClient = useQueryClient();
  const [raw, setRaw] = useState<Record<string, string>>(() => initialValues(fields));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>();
  // One id per attempt: a retry of the same submission is executed once.
  const [commandId, setCommandId] = useState(() => crypto.randomUUID());
  const shown = fields.filter((field) => field.visible?.(raw) ?? true);
  const routed = (messages: Array<[string, string[]]>) =>
    routeErrors(
      shown.filter((field) => field.type !== 'hidden').map((field) => field.name),
      messages,
    );

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(undefined);
    const gathered = { ...fixed, ...valuesOf(shown, raw) };
    const input = transform ? transform(gathered) : gathered;
    const checked = schema.safeParse(input);
    if (!checked.success) {
      const { byField, other } = routed(
        checked.error.issues.map((issue): [string, string[]] => [issue.path.join('.'), [issue.message]]),
      );
      setErrors(byField);
      const text =
        Object.keys(byField).length > 0
          ? ['Le formulaire contient des erreurs : voir les champs signalés.']
          : [];
      setMessage({ kind: 'error', text: [...text, ...other].join(' ') });
      return;
    }
    setErrors({});
    try {
      // What the schema returned is sent: the server checks it again with the same schema.
      await mutation.mutateAsync({ ...checked.data, commandId });
      setCommandId(crypto.randomUUID());
      if (!keepValues) setRaw(initialValues(fields));
      setMessage({ kind: 'ok', text: 'Enregistré.' });
      await queryClient.invalidateQueries();
      onDone?.(checked.data);
    } catch (error) {
      const data = (error as { data?: { fieldErrors?: FieldErrors } }).data;
      // The refusal's message is shown below the form: only the fields are marked here.
      if (data?.fieldErrors)
        setErrors(
          routed(Object.entries(data.fieldErrors).map(([path, texts]) => [path, texts ?? []])).byField,
        );
      setMessage({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <form className="command-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <fieldset disabled={mutation.isPending}>
        {shown.map((field) => (
          <Field
            key={field.name}
            field={field}
            inputId={`${id}-field-${field.name}`}
            errors={errors[field.name]}
            values={raw}
            fill={(values) => setRaw((current) => ({ ...current, ...values }))}
          />
        ))}
        <button type="submit" className="button">
          {mutation.isPending ? 'Envoi…' : submitLabel}
        </button>
      </fieldset>
      <p role="status" className={message ? `form-message form-message--${message.kind}` : 'form-message'}>
        {message?.text}
      </p>
    </form>
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
  const describedBy =
    [field.hint ? `${inputId}-hint` : '', errors ? `${inputId}-error` : ''].filter(Boolean).join(' ') ||
    undefined;
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
      {field.hint ? (
        <span className="field__hint" id={`${inputId}-hint`}>
          {field.hint}
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
          type={field.type === 'number' ? 'text' : (field.type ?? 'text')}
          inputMode={field.type === 'number' ? 'decimal' : undefined}
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
