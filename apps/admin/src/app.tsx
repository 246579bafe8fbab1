import { PageFrame } from '@cls/web';

export function App() {
  return (
    <PageFrame title="Administration" tagline="Pilotage des Contrats Locaux de Santé">
      <h1>Piloter le Contrat Local de Santé</h1>
      <p>
        Coordinateurs et pilotes suivent ici les actions, livrables, conventions, instances et évaluations du
        contrat ; les auditeurs en rejouent l’historique.
      </p>
    </PageFrame>
  );
}
