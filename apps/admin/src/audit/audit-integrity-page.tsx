import type { Integrity, ReplayCheck } from '@cls/api/schemas';
import { count, frenchInstant } from '@cls/french';
import { useTRPC } from '@cls/web';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '../router.js';
import { readModelLabel } from './audit-labels.js';
import { auditPath } from './audit-url.js';

/** Whether the log can be trusted: its hash chains, and read models that a replay of the log rebuilds alike. */
export function AuditIntegrityPage() {
  return (
    <>
      <h1>Intégrité du journal</h1>
      <HashChains />
      <ReplayCheckSection />
    </>
  );
}

/**
 * Each event carries the hash of the previous one of its stream, and of the one
 * before it in the whole log: an event altered, removed or inserted afterwards
 * breaks the chains from there on. Each check that holds signs the log's head
 * with a key kept outside the database, and every later check must find the log
 * still passing through the heads signed before: rewriting history, even with
 * every hash re-computed, shows. The server checks at start-up; the auditor can
 * check again now.
 */
function HashChains() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const integrity = useQuery(trpc.audit.integrity.queryOptions());
  const verify = useMutation(
    trpc.audit.verify.mutationOptions({
      onSuccess: (result) => queryClient.setQueryData(trpc.audit.integrity.queryKey(), result),
    }),
  );
  const result = verify.isPending ? undefined : integrity.data;
  return (
    <section aria-labelledby="audit-chains-title">
      <h2 id="audit-chains-title">Chaînage des événements</h2>
      <p className="hint">
        Chaque événement porte l’empreinte du précédent de son flux et de celui qui le précède dans tout le
        journal : un événement modifié, retiré ou inséré après coup rompt la chaîne à partir de lui. À chaque
        vérification réussie, la plateforme signe la tête du journal avec une clé gardée hors de la base ; la
        suivante doit retrouver chaque tête signée avant elle, même si toutes les empreintes ont été
        recalculées. La plateforme vérifie au démarrage ; vous pouvez vérifier à nouveau.
      </p>
      <div role="status" data-testid="audit-integrity">
        {verify.isPending || result?.running ? (
          <p>Vérification en cours…</p>
        ) : integrity.isPending ? (
          <p>Chargement…</p>
        ) : result ? (
          <IntegrityResult integrity={result} />
        ) : null}
      </div>
      {integrity.isError ? <p role="alert">{integrity.error.message}</p> : null}
      {verify.isError ? <p role="alert">{verify.error.message}</p> : null}
      <ul className="inline-list audit-exports">
        <li>
          <button
            type="button"
            className="button"
            aria-disabled={verify.isPending}
            onClick={() => {
              if (!verify.isPending) verify.mutate();
            }}
          >
            Vérifier maintenant
          </button>
        </li>
        <li>
          <a className="button button--secondary" href="/api/audit/export.ndjson" download>
            Exporter le journal (NDJSON)
          </a>
        </li>
        <li>
          <a className="button button--secondary" href="/api/audit/public-key" download="cle.pem">
            Clé publique (PEM)
          </a>
        </li>
      </ul>
      <p className="hint">
        L’export garde chaque événement tel qu’il est stocké, avec ses empreintes, et se termine par la tête
        signée : la commande <code>pnpm audit:verify journal.ndjson --public-key cle.pem</code> le vérifie
        hors de la plateforme ; avec <code>--expect-head export-precedent.ndjson</code>, elle vérifie aussi
        que le journal passe toujours par la tête signée d’un export précédent.
      </p>
    </section>
  );
}

function IntegrityResult({ integrity }: { integrity: Integrity }) {
  const checked = integrity.checkedAt ? `le ${frenchInstant(integrity.checkedAt)}` : 'pas encore';
  if (integrity.ok)
    return (
      <div className="audit-verdict audit-verdict--ok">
        <p>
          <strong>Journal intègre</strong> : {count(integrity.events, 'événement')} vérifié
          {integrity.events > 1 ? 's' : ''}, aucune chaîne rompue (vérifié {checked}).
        </p>
        {integrity.signedHead ? (
          <dl className="facts">
            <dt>Tête signée</dt>
            <dd>
              position {integrity.signedHead.position}, le {frenchInstant(integrity.signedHead.signedAt)}, clé{' '}
              <code>{integrity.signedHead.keyId}</code>
            </dd>
            <dt>Empreinte globale</dt>
            <dd>
              <code className="audit-code">{integrity.signedHead.globalHash}</code>
            </dd>
          </dl>
        ) : null}
      </div>
    );
  const link = integrity.brokenLink;
  return (
    <div className="audit-verdict audit-verdict--broken">
      <p>
        <strong>Chaîne rompue</strong> (vérifié {checked}, {count(integrity.events, 'événement')} lus).
      </p>
      {link ? (
        <dl className="facts">
          {link.stream ? (
            <>
              <dt>Flux</dt>
              <dd>
                <Link to={auditPath.stream(link.stream, link.revision)} className="audit-code">
                  {link.stream}
                </Link>
              </dd>
              <dt>Révision</dt>
              <dd>{link.revision}</dd>
            </>
          ) : null}
          <dt>Position</dt>
          <dd>
            <Link to={auditPath.event(link.position)}>n° {link.position}</Link>
          </dd>
          <dt>Raison</dt>
          <dd>{link.reason}</dd>
        </dl>
      ) : null}
    </div>
  );
}

/**
 * Every read model rebuilt from the first event into shadow tables and compared
 * with the live one at the same position: what the screens show is what the log
 * says. A few seconds; it appends nothing.
 */
function ReplayCheckSection() {
  const trpc = useTRPC();
  const check = useMutation(trpc.audit.replayCheck.mutationOptions());
  return (
    <section aria-labelledby="audit-replay-title">
      <h2 id="audit-replay-title">Rejeu des vues</h2>
      <p className="hint">
        Chaque vue (tableau des actions, livrables, offres…) est reconstruite depuis le premier événement et
        comparée, table par table, à celle que la plateforme sert : identiques, elles ne disent que ce que dit
        le journal.
      </p>
      <p>
        <button
          type="button"
          className="button"
          aria-disabled={check.isPending}
          onClick={() => {
            if (!check.isPending) check.mutate();
          }}
        >
          Lancer le rejeu
        </button>
      </p>
      <div role="status">
        {check.isPending ? <p>Rejeu en cours…</p> : null}
        {check.data ? <ReplayResult check={check.data} /> : null}
      </div>
      {check.isError ? <p role="alert">{check.error.message}</p> : null}
    </section>
  );
}

/** `actions:<md5>;axes:<md5>` → the tables whose checksums differ (the raw strings when they do not read so). */
function differingTables(live: string, replayed: string): string[] | undefined {
  const tables = (text: string) =>
    new Map(text.split(';').map((part) => part.split(':') as [string, string]));
  const [a, b] = [tables(live), tables(replayed)];
  if ([...a.values(), ...b.values()].some((value) => value === undefined)) return undefined;
  return [...new Set([...a.keys(), ...b.keys()])].filter((table) => a.get(table) !== b.get(table));
}

function ReplayResult({ check }: { check: ReplayCheck }) {
  const different = check.readModels.filter((model) => !model.identical).length;
  return (
    <>
      <p className={`audit-verdict audit-verdict--${different === 0 ? 'ok' : 'broken'}`}>
        {different === 0 ? (
          <strong>Toutes les vues sont identiques à leur rejeu</strong>
        ) : (
          <strong>
            {different === 1 ? 'Une vue diffère de son rejeu' : `${different} vues diffèrent de leur rejeu`}
          </strong>
        )}{' '}
        (jusqu’à l’événement n° {check.position}, le {frenchInstant(check.checkedAt)}).
      </p>
      <table className="table table--stacked" data-testid="audit-replay">
        <caption className="visually-hidden">Résultat du rejeu, vue par vue</caption>
        <thead>
          <tr>
            <th scope="col">Vue</th>
            <th scope="col">Résultat</th>
            <th scope="col">Tables qui diffèrent</th>
          </tr>
        </thead>
        <tbody>
          {check.readModels.map((model) => (
            <tr key={model.name}>
              <th scope="row" data-label="Vue">
                {readModelLabel(model.name)} <code className="audit-code muted">{model.name}</code>
              </th>
              <td data-label="Résultat">
                <span className={`badge badge--${model.identical ? 'completed' : 'abandoned'}`}>
                  {model.identical ? 'Identique' : 'Différente'}
                </span>
              </td>
              <td data-label="Tables qui diffèrent">
                {model.identical ? '—' : <DifferingTables live={model.live} replayed={model.replayed} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function DifferingTables({ live, replayed }: { live: string; replayed: string }) {
  const tables = differingTables(live, replayed);
  if (tables)
    return (
      <ul className="inline-list">
        {tables.map((table) => (
          <li key={table}>
            <code className="audit-code">{table}</code>
          </li>
        ))}
      </ul>
    );
  return (
    <dl className="facts">
      <dt>Servie</dt>
      <dd>
        <code className="audit-code">{live}</code>
      </dd>
      <dt>Rejouée</dt>
      <dd>
        <code className="audit-code">{replayed}</code>
      </dd>
    </dl>
  );
}
