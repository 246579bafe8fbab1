import { Fragment } from 'react';
import { GLOSSARY, type GlossaryEntry } from './glossary.generated.js';

const BY_ACRONYM = new Map(GLOSSARY.map((entry) => [entry.acronym, entry]));

/** Words and what is between them: `Mettre en place le CLSM` → `Mettre`, ` `, …, `CLSM`. */
const piecesOf = (text: string): string[] => text.split(/([\p{L}\p{N}]+)/u).filter((piece) => piece !== '');

/** The acronyms of the glossary the texts use, in the glossary's order (each once). */
export function acronymsIn(texts: readonly string[]): GlossaryEntry[] {
  const used = new Set(texts.flatMap(piecesOf).filter((piece) => BY_ACRONYM.has(piece)));
  return GLOSSARY.filter((entry) => used.has(entry.acronym));
}

/** A text with each acronym of the glossary marked up with its expansion (`<abbr title>`). */
export function Abbreviated({ text }: { text: string }) {
  return (
    <>
      {/* The pieces of one text never move: their index is their key. */}
      {piecesOf(text).map((piece, index) => {
        const entry = BY_ACRONYM.get(piece);
        if (!entry) return <Fragment key={index}>{piece}</Fragment>;
        return (
          <abbr key={index} title={entry.expansion}>
            {piece}
          </abbr>
        );
      })}
    </>
  );
}

/**
 * The acronyms a page uses, spelt out: a resident need not know what a CLSM or a PTSM is.
 * `<abbr>` alone is not enough (no tooltip on a phone or with the keyboard): the list is the
 * explanation, the marks are a help.
 */
export function Glossary({ entries }: { entries: readonly GlossaryEntry[] }) {
  if (entries.length === 0) return null;
  return (
    <section className="glossary" aria-labelledby="glossary-title" data-testid="glossary">
      <h2 id="glossary-title">Les sigles de cette page</h2>
      <dl>
        {entries.map((entry) => (
          <div key={entry.acronym} className="glossary__entry">
            <dt>
              <abbr title={entry.expansion}>{entry.acronym}</abbr>
            </dt>
            <dd>
              {entry.expansion}
              {entry.inferred ? (
                <span className="muted"> (sens déduit, non écrit dans le contrat)</span>
              ) : null}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
