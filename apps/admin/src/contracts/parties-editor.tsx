import { parseFrenchNumber } from '@cls/french';
import { OrganisationsPicker } from '../organisations/organisation-picker.js';
import type { CustomInput } from '../shared/command-form.js';

/** A party as the form keeps it: the organisation, who signs for it, and what it commits. */
export interface PartyValue {
  organisation: string;
  signer: string;
  /** The signer's subject, when the draft named them already: the corrected name is sealed with the same key. */
  signerId?: string;
  /** A party the sources let deduce rather than state (seeds): kept as such. */
  inferred?: boolean;
  /** Amount in euros by year, as typed (« 20 000 »). */
  money: Record<string, string>;
  /** One line per role: « Coordinatrice : 0,5 ». */
  staff: string;
  other: string;
}

export function readParties(text: string): PartyValue[] {
  if (!text) return [];
  try {
    return JSON.parse(text) as PartyValue[];
  } catch {
    return [];
  }
}

const newParty = (organisation: string): PartyValue => ({
  organisation,
  signer: '',
  money: {},
  staff: '',
  other: '',
});

/**
 * DraftContract's parties and commitments from the editor's value. What cannot
 * be read as a number goes to the schema as typed, so its message says why.
 */
export function partiesFields(parties: PartyValue[]) {
  const commitments = parties
    .map((party) => {
      const money = Object.entries(party.money)
        .filter(([, amount]) => amount.trim() !== '')
        .map(([year, amount]) => ({
          year: Number(year),
          amount: parseFrenchNumber(amount.replace(/\s*(€|euros?)\s*$/i, '')) ?? amount,
        }));
      const staff = party.staff
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line) => {
          const at = line.lastIndexOf(':');
          const role = at > 0 ? line.slice(0, at).trim() : line;
          const fte =
            at > 0
              ? line
                  .slice(at + 1)
                  .trim()
                  .replace(/\s*ETP$/i, '')
              : '';
          return { role, fte: parseFrenchNumber(fte) ?? fte };
        });
      return {
        organisation: party.organisation,
        ...(money.length > 0 ? { money } : {}),
        ...(staff.length > 0 ? { staff } : {}),
        ...(party.other.trim() ? { other: party.other.trim() } : {}),
      };
    })
    .filter((commitment) => Object.keys(commitment).length > 1);
  return {
    parties: parties.map((party) => ({
      organisation: party.organisation,
      ...(party.signer.trim()
        ? { signer: party.signer.trim(), ...(party.signerId ? { signerId: party.signerId } : {}) }
        : {}),
      ...(party.inferred ? { inferred: true } : {}),
    })),
    ...(commitments.length > 0 ? { commitments } : {}),
  };
}

/** The years of the period typed in the form (none while it is incomplete or implausible). */
function yearsOf(values: Record<string, string>): number[] {
  const start = Number(values['period.start']);
  const end = Number(values['period.end']);
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 1990 || end < start || end - start > 10)
    return [];
  return Array.from({ length: end - start + 1 }, (_, index) => start + index);
}

/**
 * The parties expected to sign, picked from the organisations directory, each
 * with who signs for it (optional: a person's name, sealed in the log) and its
 * commitments: money per year of the period, staff time by role, anything else.
 */
export function PartiesEditor({ input }: { input: CustomInput }) {
  const parties = readParties(input.value);
  const years = yearsOf(input.values);
  const set = (next: PartyValue[]) => input.onChange(JSON.stringify(next));
  const update = (index: number, change: Partial<PartyValue>) =>
    set(parties.map((party, at) => (at === index ? { ...party, ...change } : party)));
  return (
    <div className="parties-editor">
      <OrganisationsPicker
        id={input.id}
        values={parties.map((party) => party.organisation)}
        invalid={input.invalid}
        describedBy={input.describedBy}
        placeholder="ajouter une partie, ex. ARS Occitanie"
        onChange={(names) =>
          set(names.map((name) => parties.find((party) => party.organisation === name) ?? newParty(name)))
        }
      />
      {parties.map((party, index) => {
        const id = `${input.id}-${index}`;
        return (
          <fieldset key={party.organisation} className="party">
            <legend>{party.organisation}</legend>
            <div className="field">
              <label htmlFor={`${id}-signer`}>Signataire (facultatif)</label>
              <span className="field__hint" id={`${id}-signer-hint`}>
                nom et fonction de la personne qui signe, ex. « la directrice générale »
              </span>
              <input
                id={`${id}-signer`}
                aria-describedby={`${id}-signer-hint`}
                value={party.signer}
                onChange={(event) => update(index, { signer: event.target.value })}
              />
            </div>
            {years.length > 0 ? (
              <fieldset className="party__money">
                <legend>Engagement financier par année (en euros, facultatif)</legend>
                {years.map((year) => (
                  <div className="field field--inline" key={year}>
                    <label htmlFor={`${id}-money-${year}`}>{year}</label>
                    <input
                      id={`${id}-money-${year}`}
                      inputMode="decimal"
                      value={party.money[year] ?? ''}
                      onChange={(event) =>
                        update(index, { money: { ...party.money, [year]: event.target.value } })
                      }
                    />
                  </div>
                ))}
              </fieldset>
            ) : (
              <p className="field__hint">
                Indiquez la période du contrat pour saisir les montants par année.
              </p>
            )}
            <div className="field">
              <label htmlFor={`${id}-staff`}>Personnel mis à disposition (facultatif)</label>
              <span className="field__hint" id={`${id}-staff-hint`}>
                une ligne par fonction, « fonction : ETP », ex. « Coordinatrice : 0,5 »
              </span>
              <textarea
                id={`${id}-staff`}
                rows={2}
                aria-describedby={`${id}-staff-hint`}
                value={party.staff}
                onChange={(event) => update(index, { staff: event.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-other`}>Autres engagements (facultatif)</label>
              <textarea
                id={`${id}-other`}
                rows={2}
                value={party.other}
                onChange={(event) => update(index, { other: event.target.value })}
              />
            </div>
          </fieldset>
        );
      })}
    </div>
  );
}
