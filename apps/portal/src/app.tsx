import { PageFrame } from '@cls/web';

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
    <PageFrame title="Offres de santé" tagline="Portail public des Contrats Locaux de Santé">
      <h1>Trouver une offre de santé près de chez vous</h1>
      <p>Ce portail recense, sans inscription, les lieux de soins et de prévention de votre territoire :</p>
      <ul>
        {KINDS.map((kind) => (
          <li key={kind}>{kind}</li>
        ))}
      </ul>
      <p>La recherche par commune et la carte arrivent avec l’import de l’annuaire FINESS.</p>
    </PageFrame>
  );
}
