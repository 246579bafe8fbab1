import type { ReactNode } from 'react';
import { PlatformStatus } from './platform-status.js';

/**
 * The frame of every page of both apps: a skip link for keyboard users, the
 * header with the service's name, the main content, and a footer: the platform status
 * unless the app gives its own (the public portal shows residents no server details).
 */
export function PageFrame({
  title,
  tagline,
  account,
  footer,
  children,
}: {
  title: string;
  tagline: string;
  /** Who is signed in, and how to leave (right of the header). */
  account?: ReactNode;
  /** The footer's content; the platform status by default. */
  footer?: ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      <a className="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <header className="header">
        <div className="header__logo" aria-hidden="true">
          Contrats
          <br />
          Locaux
          <br />
          de Santé
        </div>
        <div>
          <p className="header__title">{title}</p>
          <p className="header__tagline">{tagline}</p>
        </div>
        {account ? <div className="header__account">{account}</div> : null}
      </header>
      <main id="contenu">{children}</main>
      <footer className="footer">{footer ?? <PlatformStatus />}</footer>
    </>
  );
}
