import { PlatformStatus } from '@cls/web';

export function App() {
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
          <p className="header__title">Administration</p>
          <p className="header__tagline">Pilotage des Contrats Locaux de Santé</p>
        </div>
      </header>
      <main id="contenu">
        <h1>Piloter le Contrat Local de Santé</h1>
        <p>
          Coordinateurs et pilotes suivent ici les actions, livrables, conventions, instances et évaluations
          du contrat ; les auditeurs en rejouent l’historique.
        </p>
      </main>
      <footer className="footer">
        <PlatformStatus />
      </footer>
    </>
  );
}
