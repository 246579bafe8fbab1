import { useState } from 'react';
import type { CustomInput } from '../shared/command-form.js';
import { CommuneSearch } from './commune-search.js';

/**
 * The communes a CPTS covers, as the `communes` input of its form (INSEE codes,
 * one a line): added through the commune search, each shown with its name and
 * code and a button to remove it.
 */
export function CoverageEditor({
  input,
  known,
}: {
  input: CustomInput;
  /** Names of the communes already covered. */
  known: Array<{ insee: string; name: string }>;
}) {
  const codes = input.value.split('\n').filter(Boolean);
  const [names, setNames] = useState(() => new Map(known.map((commune) => [commune.insee, commune.name])));
  const [text, setText] = useState('');
  const remove = (insee: string) => {
    input.onChange(codes.filter((code) => code !== insee).join('\n'));
    // The button goes with its line: the focus goes back to the search rather than to the page's top.
    document.getElementById(input.id)?.focus();
  };
  return (
    <>
      <CommuneSearch
        id={input.id}
        text={text}
        invalid={input.invalid}
        describedBy={input.describedBy}
        onTextChange={setText}
        onPick={(commune) => {
          setNames((current) => new Map(current).set(commune.insee, commune.name));
          setText('');
          if (!codes.includes(commune.insee)) input.onChange([...codes, commune.insee].join('\n'));
        }}
      />
      <p className="field__hint" aria-live="polite">
        {codes.length === 0
          ? 'Aucune commune.'
          : `${codes.length} commune${codes.length > 1 ? 's' : ''} couverte${codes.length > 1 ? 's' : ''} :`}
      </p>
      <ul className="coverage" data-testid="coverage">
        {codes.map((insee) => {
          const name = names.get(insee) ?? insee;
          return (
            <li key={insee}>
              <span>
                {name} <span className="muted">({insee})</span>
              </span>
              <button
                type="button"
                className="button button--secondary button--small"
                aria-label={`Retirer ${name}`}
                onClick={() => remove(insee)}
              >
                Retirer
              </button>
            </li>
          );
        })}
      </ul>
    </>
  );
}
