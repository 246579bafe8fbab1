import {
  isOpenAt,
  OFFER_ACCESS,
  OFFER_ACCESS_LABELS,
  OFFER_PUBLIC_LABELS,
  OFFER_PUBLICS,
  OFFER_SERVICE_LABELS,
  OFFER_SERVICES,
  OPENING_HOURS_EXAMPLE,
  openingHoursProblem,
  weekTable,
} from '@cls/domain';
import type { CustomInput, FormField } from '../shared/command-form.js';

/** A comma list of keys, as the checkbox groups keep their text. */
const keysOf = (text: string) =>
  text
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean);

/** Checkboxes for the values of an enumeration, their text a comma list of the ticked keys. */
function CheckboxGroup<T extends string>({
  input,
  label,
  values,
  labels,
}: {
  input: CustomInput;
  label: string;
  values: readonly T[];
  labels: Record<T, string>;
}) {
  const ticked = keysOf(input.value);
  return (
    <fieldset className="checkbox-group" aria-label={label} aria-describedby={input.describedBy}>
      {values.map((value, index) => (
        <label key={value} className="checkbox-group__item">
          <input
            type="checkbox"
            id={index === 0 ? input.id : undefined}
            checked={ticked.includes(value)}
            aria-invalid={input.invalid || undefined}
            onChange={(event) =>
              input.onChange(
                values
                  .filter((other) => (other === value ? event.target.checked : ticked.includes(other)))
                  .join(','),
              )
            }
          />{' '}
          {labels[value]}
        </label>
      ))}
    </fieldset>
  );
}

/** The hours as typed, with the week they give (Paris time) and whether it is open now, while typing. */
function HoursInput({ input }: { input: CustomInput }) {
  const text = input.value.trim();
  const problem = text ? openingHoursProblem(text) : undefined;
  const now = new Date();
  const week = text && !problem ? weekTable(text, now) : undefined;
  const open = week ? isOpenAt(text, now) : undefined;
  return (
    <>
      <input
        id={input.id}
        type="text"
        value={input.value}
        aria-invalid={input.invalid || problem !== undefined || undefined}
        aria-describedby={[input.describedBy, `${input.id}-preview`].filter(Boolean).join(' ')}
        onChange={(event) => input.onChange(event.target.value)}
        spellCheck={false}
        autoComplete="off"
      />
      <div
        id={`${input.id}-preview`}
        className="hours-preview"
        aria-live="polite"
        data-testid="hours-preview"
      >
        {problem ? <p className="field__error">{problem}</p> : null}
        {week ? (
          <>
            <p>
              Aperçu (heure de Paris) :{' '}
              <strong>
                {open === undefined ? 'à confirmer' : open ? 'ouvert maintenant' : 'fermé maintenant'}
              </strong>
            </p>
            <ul className="hours-preview__week">
              {week.map((day) => (
                <li key={day.weekday}>{day.text}</li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </>
  );
}

/** Oui, non, or « non renseigné » (nothing sent: unknown stays unknown). */
function YesNoSelect({ input }: { input: CustomInput }) {
  return (
    <select
      id={input.id}
      value={input.value}
      aria-invalid={input.invalid || undefined}
      aria-describedby={input.describedBy}
      onChange={(event) => input.onChange(event.target.value)}
    >
      <option value="">non renseigné</option>
      <option value="true">oui</option>
      <option value="false">non</option>
    </select>
  );
}

/** The practical facts of an offer, for registering (`prefix` empty) or editing it (`changes.`). */
export function practicalFields(prefix: '' | 'changes.', initial: Record<string, string> = {}): FormField[] {
  const field = (name: string, rest: Omit<FormField, 'name' | 'initial'>): FormField => ({
    name: `${prefix}${name}`,
    initial: initial[name] ?? '',
    ...rest,
  });
  return [
    field('openingHours', {
      label: 'Horaires (facultatif)',
      hint: `syntaxe OpenStreetMap, ex. ${OPENING_HOURS_EXAMPLE} ; « PH off » : fermé les jours fériés`,
      render: (input) => <HoursInput input={input} />,
    }),
    field('publics', {
      label: 'Pour qui',
      parse: keysOf,
      render: (input) => (
        <CheckboxGroup input={input} label="Pour qui" values={OFFER_PUBLICS} labels={OFFER_PUBLIC_LABELS} />
      ),
    }),
    field('access', {
      label: 'Conditions d’accès',
      parse: keysOf,
      render: (input) => (
        <CheckboxGroup
          input={input}
          label="Conditions d’accès"
          values={OFFER_ACCESS}
          labels={OFFER_ACCESS_LABELS}
        />
      ),
    }),
    field('services', {
      label: 'Services',
      parse: keysOf,
      render: (input) => (
        <CheckboxGroup input={input} label="Services" values={OFFER_SERVICES} labels={OFFER_SERVICE_LABELS} />
      ),
    }),
    field('languages', {
      label: 'Langues parlées (facultatif)',
      hint: 'séparées par des virgules, ex. anglais, arabe, LSF',
      parse: (text) =>
        text
          .split(',')
          .map((language) => language.trim())
          .filter(Boolean),
    }),
    field('wheelchair', {
      label: 'Accessible en fauteuil roulant',
      parse: (text) => text === 'true',
      render: (input) => <YesNoSelect input={input} />,
    }),
    field('teleconsultation', {
      label: 'Téléconsultation',
      parse: (text) => text === 'true',
      render: (input) => <YesNoSelect input={input} />,
    }),
    field('appointmentUrl', {
      label: 'Prise de rendez-vous en ligne (facultatif)',
      type: 'url',
      hint: 'https://…',
    }),
  ];
}
