import type { ReactNode } from 'react';

/**
 * A form behind a disclosure button (`<details>`): the page stays readable, each form one
 * keystroke away (Entrée or Espace on its summary opens it).
 */
export function Disclosure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <details className="disclosure">
      <summary className="button button--secondary button--small">{label}</summary>
      {children}
    </details>
  );
}
