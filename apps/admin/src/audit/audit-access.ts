import { useEffect, useState } from 'react';
import { navigate } from '../router.js';

interface Grant {
  role: string;
  scope?: { contractId?: string | undefined };
}

/** The audit is for auditors and administrators (the server refuses anyone else). */
export const canAudit = (grants: readonly Grant[]) =>
  grants.some((grant) => grant.role === 'auditor' || grant.role === 'admin');

/** Auditors command nothing: the audit is where their work is. */
const auditsOnly = (grants: readonly Grant[]) =>
  grants.length > 0 && grants.every((grant) => grant.role === 'auditor');

/** Pilots (and nothing more) run their actions: « mes actions » is where their work is. */
const pilotsOnly = (grants: readonly Grant[]) =>
  grants.length > 0 && grants.every((grant) => grant.role === 'pilot');

/** The ARS (and nothing more): its portfolio across the contracts of its departments is where its work is. */
const arsOnly = (grants: readonly Grant[]) =>
  grants.length > 0 && grants.every((grant) => grant.role === 'ars');

/** Who sees the portfolio across contracts: the ARS (its departments), admins and auditors (all). */
export const seesPortfolio = (grants: readonly Grant[]) =>
  grants.some((grant) => grant.role === 'ars' || grant.role === 'admin' || grant.role === 'auditor');

/** An evaluator (and nothing more) of one contract: its annual evaluation is where their work is. */
const evaluatedContract = (grants: readonly Grant[]): string | undefined => {
  const contracts = new Set(
    grants.map((grant) => (grant.role === 'evaluator' ? grant.scope?.contractId : '')),
  );
  const [contractId] = [...contracts];
  return contracts.size === 1 && contractId ? contractId : undefined;
};

/**
 * Where a user lands on the app's home: the audit for auditors, « mes actions » for pilots,
 * the evaluation of their contract for an evaluator, the portfolio for the ARS, else the contracts.
 */
export const landingOf = (grants: readonly Grant[]): string => {
  const evaluated = evaluatedContract(grants);
  return auditsOnly(grants)
    ? '/audit'
    : pilotsOnly(grants)
      ? '/mes-actions'
      : evaluated
        ? `/contrats/${encodeURIComponent(evaluated)}/evaluation`
        : arsOnly(grants)
          ? '/portefeuille'
          : '/';
};

/**
 * The route to show: an auditor signing in (or opening the app's home) lands on
 * the audit, a pilot on « mes actions », once per session, without the contracts
 * flashing first; « Vos contrats » stays reachable (the audit's breadcrumb, the header).
 */
export function useLandingRoute(
  session: { userId: string; grants: readonly Grant[] } | undefined | null,
  route: string,
): string {
  const [landedFor, setLandedFor] = useState<string | undefined>(undefined);
  const userId = session?.userId;
  const landing = userId !== undefined && landedFor !== userId;
  const shown = landing && route === '/' ? landingOf(session?.grants ?? []) : route;
  useEffect(() => {
    if (userId === undefined) setLandedFor(undefined);
    else if (landing) {
      setLandedFor(userId);
      if (shown !== route) navigate(shown, { replace: true });
    }
  }, [userId, landing, shown, route]);
  return shown;
}
