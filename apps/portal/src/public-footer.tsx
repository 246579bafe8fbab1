import { Link } from './router.js';

/**
 * What residents need at the foot of every page: where the data comes from, under which
 * licence, and whom to ask. No server details (version, database): those are the admin app's.
 */
export function PublicFooter() {
  return (
    <div className="public-footer" data-testid="public-footer">
      <p>
        Sources : FINESS (DREES, ministère chargé de la santé), Annuaire Santé (RPPS, Agence du Numérique en
        Santé) pour les professionnels libéraux, Base Adresse Nationale, IGN Admin Express, INSEE (Code
        officiel géographique), documents des Contrats Locaux de Santé — Licence Ouverte 2.0.
      </p>
      <p>
        Une information fausse, une difficulté pour utiliser ce site (clavier, lecteur d’écran, zoom) ?
        Écrivez à la coordination de votre contrat : voir{' '}
        <Link to="/contrats">les contrats locaux de santé</Link>.
      </p>
    </div>
  );
}
