import { useEffect, useRef } from 'react';
import { navigate } from './router.js';

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
 * An auditor signing in (or opening the app's home) lands on the audit, once
 * per session: « Vos contrats » stays reachable from the audit's breadcrumb.
 */
export function useAuditorLanding(
  session: { userId: string; grants: readonly Grant[] } | undefined | null,
  route: string,
) {
  const landedFor = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!session) {
      landedFor.current = undefined;
      return;
    }
    if (landedFor.current === session.userId) return;
    landedFor.current = session.userId;
    if (route === '/' && auditsOnly(session.grants)) navigate('/audit', { replace: true });
  }, [session, route]);
}
