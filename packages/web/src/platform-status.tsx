import { frenchInstant } from '@cls/french';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from './trpc.js';

/** How far behind the log the read models are: what the screens may not show yet. */
function ReadModelsStatus({ projections }: { projections: Array<{ status: string; lag: number }> }) {
  if (projections.length === 0) return <>lectures en préparation</>;
  const lag = Math.max(...projections.map((projection) => projection.lag));
  const building = projections.some((projection) => projection.status === 'building');
  if (lag === 0 && !building) return <>lectures à jour</>;
  return (
    <>
      lectures en retard de {lag} événement{lag > 1 ? 's' : ''}
      {building ? ' (reconstruction en cours)' : ''}
    </>
  );
}

/** Footer line: which platform answers and whether its database does, from `system.info`. */
export function PlatformStatus() {
  const trpc = useTRPC();
  const info = useQuery(trpc.system.info.queryOptions());

  if (info.isPending) return <p className="status">Connexion à la plateforme…</p>;
  if (info.isError) {
    return (
      <p className="status status--error" role="alert">
        La plateforme ne répond pas : {info.error.message}
      </p>
    );
  }
  const { application, version, startedAt, database } = info.data;
  return (
    <p className="status" data-testid="platform-status">
      {application} {version} · démarrée le {frenchInstant(startedAt, undefined, 'minute')} · base de données{' '}
      {database.up ? (
        <strong className="status__ok">joignable</strong>
      ) : (
        <strong className="status__down">injoignable</strong>
      )}
      {database.up && database.serverVersion ? ` (PostgreSQL ${database.serverVersion})` : ''}
      {' · '}
      <ReadModelsStatus projections={info.data.projections} />
    </p>
  );
}
