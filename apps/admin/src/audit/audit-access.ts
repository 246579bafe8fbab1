import { useEffect, useState } from 'react';
import { navigate } from '../router.js';

interface Grant {
  role: string;
}

/** The audit is for auditors and administrators (the server refuses anyone else). */
export const canAudit = (grants: readonly Grant[]) =>
  grants.some((grant) => grant.role === 'auditor' || grant.role === 'admin');

/** Auditors command nothing: the audit is where their work is. */
const auditsOnly = (grants: readonly Grant[]) =>
  grants.length > 0 && grants.every((grant) => grant.role === 'auditor');

/**
 * The route to show: an auditor signing in (or opening the app's home) lands on
 * the audit, once per session, without the contracts flashing first; « Vos
 * contrats » stays reachable from the audit's breadcrumb.
 */
export function useLandingRoute(
  session: { userId: string; grants: readonly Grant[] } | undefined | null,
  route: string,
): string {
  const [landedFor, setLandedFor] = useState<string | undefined>(undefined);
  const userId = session?.userId;
  const landing = userId !== undefined && landedFor !== userId;
  const shown = landing && route === '/' && auditsOnly(session?.grants ?? []) ? '/audit' : route;
  useEffect(() => {
    if (userId === undefined) setLandedFor(undefined);
    else if (landing) {
      setLandedFor(userId);
      if (shown !== route) navigate(shown, { replace: true });
    }
  }, [userId, landing, shown, route]);
  return shown;
}
