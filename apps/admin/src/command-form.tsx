import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { z } from 'zod';

export interface FormField {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'date' | 'number' | 'url' | 'textarea' | 'select' | 'list';
  options?: Array<[value: string, label: string]>;
  hint?: string;
  initial?: string;
  /** Turns the input's text into the command's value (default: by `type`). */
  parse?: (text: string) => unknown;
}

interface MutationLike {
  mutateAsync(input: never): Promise<unknown>;
  isPending: boolean;
}

type FieldErrors = Record<string, string[] | undefined>;

/** Turns the text of the inputs into the command's values (numbers, lists; empty means absent). */
function valuesOf(fields: FormField[], raw: Record<string, string>) {
  const values: Record<string, unknown> = {};
  for (const field of fields) {
    const text = (raw[field.name] ?? '').trim();
    if (text === '') continue;
    if (field.parse) values[field.name] = field.parse(text);
    else if (field.type === 'number') values[field.name] = Number(text.replace(',', '.'));
    else if (field.type === 'list')
      values[field.name] = text
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
    else values[field.name] = text;
  }
  return values;
}

/**
 * A form for one command: checked first with the command's own zod schema (the
 * server checks it again), field messages shown beside their input, disabled
 * while the command is sent, the result announced, the page's data refreshed
 * (and, through the read-your-writes header, already including the change).
 */
export function CommandForm({
  title,
  schema,
  fields,
  fixed,
  mutation,
  submitLabel,
  onDone,
  transform,
}: {
  title: string;
  schema: z.ZodType;
  fields: FormField[];
  fixed: Record<string, unknown>;
  mutation: MutationLike;
  submitLabel: string;
  onDone?: () => void;
  /** Derives values from the others before checking (e.g. a key from a label). */
  transform?: (input: Record<string, unknown>) => Record<string, unknown>;
}) {
  const id = useId();
  const queryClient = useQueryClient();
  const [raw, setRaw] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((field) => [field.name, field.initial ?? ''])),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>();
  // One id per attempt: a retry of the same submission is executed once.
  const [commandId, setCommandId] = useState(() => crypto.randomUUID());

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(undefined);
    const gathered = { ...fixed, ...valuesOf(fields, raw) };
    const input = transform ? transform(gathered) : gathered;
    const checked = schema.safeParse(input);
    if (!checked.success) {
      setErrors(z.flattenError(checked.error).fieldErrors as FieldErrors);
      setMessage({ kind: 'error', text: 'Le formulaire contient des erreurs : voir les champs signalés.' });
      return;
    }
    setErrors({});
    try {
      await mutation.mutateAsync({ ...input, commandId } as never);
      setCommandId(crypto.randomUUID());
      setRaw(Object.fromEntries(fields.map((field) => [field.name, field.initial ?? ''])));
      setMessage({ kind: 'ok', text: 'Enregistré.' });
      await queryClient.invalidateQueries();
      onDone?.();
    } catch (error) {
      const data = (error as { data?: { fieldErrors?: FieldErrors } }).data;
      if (data?.fieldErrors) setErrors(data.fieldErrors);
      setMessage({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <form className="command-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <fieldset disabled={mutation.isPending}>
        {fields.map((field) => {
          const inputId = `${id}-field-${field.name}`;
          const fieldErrors = errors[field.name];
          const describedBy = [field.hint ? `${inputId}-hint` : '', fieldErrors ? `${inputId}-error` : '']
            .filter(Boolean)
            .join(' ');
          const common = {
            id: inputId,
            name: field.name,
            value: raw[field.name] ?? '',
            'aria-invalid': fieldErrors ? true : undefined,
            'aria-describedby': describedBy || undefined,
            onChange: (event: { target: { value: string } }) =>
              setRaw({ ...raw, [field.name]: event.target.value }),
          };
          return (
            <div className={`field${fieldErrors ? ' field--error' : ''}`} key={field.name}>
              <label htmlFor={inputId}>{field.label}</label>
              {field.hint ? (
                <span className="field__hint" id={`${inputId}-hint`}>
                  {field.hint}
                </span>
              ) : null}
              {field.type === 'textarea' || field.type === 'list' ? (
                <textarea rows={3} {...common} />
              ) : field.type === 'select' ? (
                <select {...common}>
                  <option value="">— choisir —</option>
                  {field.options?.map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
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
              {fieldErrors ? (
                <p className="field__error" id={`${inputId}-error`}>
                  {fieldErrors.join(' ')}
                </p>
              ) : null}
            </div>
          );
        })}
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
