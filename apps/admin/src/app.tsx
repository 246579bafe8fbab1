import type { UserRole } from '@cls/domain';
import { PageFrame, useTRPC } from '@cls/web';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ActionPage } from './actions/action-page.js';
import { ActionsPage } from './actions/actions-page.js';
import { MyActionsPage } from './actions/my-actions-page.js';
import { canAudit, seesPortfolio, useLandingRoute } from './audit/audit-access.js';
import { AuditArea, isAuditRoute } from './audit/audit-area.js';
import { ContractsPage } from './contracts/contracts-page.js';
import { DashboardPage } from './contracts/dashboard-page.js';
import { NewContractPage } from './contracts/new-contract-page.js';
import { EvaluationPage } from './governance/evaluation-page.js';
import { ConventionsPage } from './governance/governance-pages.js';
import { MeetingsPage } from './governance/meetings-page.js';
import { IndicatorsPage } from './indicators/indicators-page.js';
import { MeansPage } from './means/means-page.js';
import { ReportPage } from './offer-reports/report-page.js';
import { ReportsNavLink } from './offer-reports/reports-nav.js';
import { ReportsPage } from './offer-reports/reports-page.js';
import { OfferPage } from './offers/offer-page.js';
import { OffersPage } from './offers/offers-page.js';
import { RegisterOfferPage } from './offers/register-offer-page.js';
import { OrganisationsPage } from './organisations/organisations-page.js';
import { AmendmentsPage } from './plan/amendments-page.js';
import { PlanPage } from './plan/plan-page.js';
import { PortfolioPage } from './portfolio/portfolio-page.js';
import { Link, navigate, useRoute } from './router.js';
import { ROLE_LABELS } from './shared/labels.js';
import { LoginPage } from './users/login-page.js';
import { PasswordPage } from './users/password-page.js';
import { UsersPage } from './users/users-page.js';

type Grants = ReadonlyArray<{
  role: UserRole;
  scope: { contractId?: string; actionId?: string; departments?: string[] };
}>;

/** The roles that run a contract or an action: the others read (and an evaluator evaluates). */
const COMMANDING_ROLES: readonly UserRole[] = ['admin', 'coordinator', 'pilot'];

function Page({
  route,
  canCommand,
  audits,
  userId,
  grants,
}: {
  route: string;
  canCommand: boolean;
  audits: boolean;
  userId: string;
  grants: Grants;
}) {
  if (isAuditRoute(route))
    return audits ? (
      <AuditArea route={route} />
    ) : (
      <p>L’audit est réservé aux auditeurs et aux administrateurs.</p>
    );
  if (route === '/mes-actions') return <MyActionsPage />;
  if (route === '/portefeuille') return <PortfolioPage grants={grants} />;
  if (route === '/utilisateurs') return <UsersPage />;
  if (route === '/mot-de-passe') return <PasswordPage userId={userId} />;
  if (route === '/contrats/nouveau') return <NewContractPage grants={grants} />;
  if (route === '/organisations') return <OrganisationsPage canCommand={canCommand} />;
  if (route === '/signalements') return <ReportsPage />;
  const report = /^\/signalements\/([^/]+)$/.exec(route);
  if (report?.[1]) return <ReportPage reportId={decodeURIComponent(report[1])} />;
  if (route === '/offres') return <OffersPage canCommand={canCommand} />;
  if (route === '/offres/nouvelle') return <RegisterOfferPage canCommand={canCommand} />;
  const offer = /^\/offres\/([^/]+)$/.exec(route);
  if (offer?.[1]) return <OfferPage offerId={decodeURIComponent(offer[1])} canCommand={canCommand} />;
  const actions = /^\/contrats\/([^/]+)\/actions$/.exec(route);
  if (actions?.[1])
    return <ActionsPage contractId={decodeURIComponent(actions[1])} canCommand={canCommand} />;
  const plan = /^\/contrats\/([^/]+)\/plan$/.exec(route);
  if (plan?.[1]) return <PlanPage contractId={decodeURIComponent(plan[1])} canCommand={canCommand} />;
  const amendments = /^\/contrats\/([^/]+)\/avenants$/.exec(route);
  if (amendments?.[1])
    return <AmendmentsPage contractId={decodeURIComponent(amendments[1])} canCommand={canCommand} />;
  const conventions = /^\/contrats\/([^/]+)\/conventions$/.exec(route);
  if (conventions?.[1])
    return <ConventionsPage contractId={decodeURIComponent(conventions[1])} canCommand={canCommand} />;
  const meetings = /^\/contrats\/([^/]+)\/instances$/.exec(route);
  if (meetings?.[1])
    return <MeetingsPage contractId={decodeURIComponent(meetings[1])} canCommand={canCommand} />;
  const means = /^\/contrats\/([^/]+)\/moyens$/.exec(route);
  if (means?.[1]) return <MeansPage contractId={decodeURIComponent(means[1])} canCommand={canCommand} />;
  const evaluation = /^\/contrats\/([^/]+)\/evaluation$/.exec(route);
  if (evaluation?.[1])
    return (
      <EvaluationPage
        contractId={decodeURIComponent(evaluation[1])}
        canCommand={canCommand}
        canEvaluate={
          canCommand ||
          grants.some(
            (grant) =>
              grant.role === 'evaluator' &&
              grant.scope.contractId === decodeURIComponent(evaluation[1] ?? ''),
          )
        }
      />
    );
  const indicators = /^\/contrats\/([^/]+)\/indicateurs$/.exec(route);
  if (indicators?.[1])
    return <IndicatorsPage contractId={decodeURIComponent(indicators[1])} canCommand={canCommand} />;
  const contract = /^\/contrats\/([^/]+)$/.exec(route);
  if (contract?.[1])
    return <DashboardPage contractId={decodeURIComponent(contract[1])} canCommand={canCommand} />;
  const action = /^\/actions\/([^/]+)$/.exec(route);
  if (action?.[1]) return <ActionPage actionId={decodeURIComponent(action[1])} canCommand={canCommand} />;
  return <ContractsPage grants={grants} />;
}

export function App() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const route = useRoute();
  const me = useQuery(trpc.auth.me.queryOptions());
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSuccess: async () => {
        queryClient.clear();
        navigate('/');
        await queryClient.invalidateQueries();
      },
    }),
  );
  const session = me.data;
  const roles = session
    ? [...new Set(session.grants.map((grant) => ROLE_LABELS[grant.role]))].join(', ')
    : '';
  // The plan's, actions', conventions' and meetings' forms: auditors, evaluators, the ARS and
  // elected officials see none
  // (an evaluator's forms are the evaluation's, `canEvaluate` on its page).
  const canCommand = Boolean(session?.grants.some((grant) => COMMANDING_ROLES.includes(grant.role)));
  const audits = canAudit(session?.grants ?? []);
  const shownRoute = useLandingRoute(session, route);
  return (
    <PageFrame
      title="Administration"
      tagline="Pilotage des Contrats Locaux de Santé"
      account={
        session ? (
          <>
            <span data-testid="signed-in-as">
              {session.displayName} <span className="muted">({roles})</span>
            </span>
            {session.grants.some((grant) => grant.role === 'pilot') ? (
              <Link to="/mes-actions">Mes actions</Link>
            ) : null}
            {session.grants.some((grant) => grant.role === 'admin' || grant.role === 'coordinator') ? (
              <>
                <Link to="/offres">Offres de santé</Link>
                <ReportsNavLink />
                <Link to="/organisations">Organisations</Link>
              </>
            ) : null}
            {session.grants.some((grant) => grant.role === 'admin') ? (
              <Link to="/utilisateurs">Utilisateurs</Link>
            ) : null}
            {seesPortfolio(session.grants) ? <Link to="/portefeuille">Portefeuille</Link> : null}
            {audits ? <Link to="/audit">Audit</Link> : null}
            <Link to="/mot-de-passe">Mot de passe</Link>
            <button type="button" className="button button--secondary" onClick={() => logout.mutate()}>
              Se déconnecter
            </button>
          </>
        ) : null
      }
    >
      {me.isPending ? (
        <p>Chargement…</p>
      ) : session ? (
        <Page
          route={shownRoute}
          canCommand={canCommand}
          audits={audits}
          userId={session.userId}
          grants={session.grants}
        />
      ) : (
        <LoginPage />
      )}
    </PageFrame>
  );
}
