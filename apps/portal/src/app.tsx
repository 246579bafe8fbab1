import { PlatformStatus } from '@cls/web';

const KINDS = [
  'Maisons de santé pluriprofessionnelles',
  'Communautés professionnelles territoriales de santé (CPTS)',
  'Centres médico-psychologiques',
  'Sages-femmes',
  'Centres de santé',
  'Protection maternelle et infantile (PMI)',
];

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
          <p className="header__title">Offres de santé</p>
          <p className="header__tagline">Portail public des Contrats Locaux de Santé</p>
        </div>
      </header>
      <main id="contenu">
        <h1>Trouver une offre de santé près de chez vous</h1>
        <p>Ce portail recense, sans inscription, les lieux de soins et de prévention de votre territoire :</p>
        <ul>
          {KINDS.map((kind) => (
            <li key={kind}>{kind}</li>
          ))}
        </ul>
        <p>La recherche par commune et la carte arrivent avec l’import de l’annuaire FINESS.</p>
      </main>
      <footer className="footer">
        <PlatformStatus />
      </footer>
    </>
  );
}
