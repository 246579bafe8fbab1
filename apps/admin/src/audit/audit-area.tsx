import './audit.css';
import { Link } from '../router.js';
import { AuditAsOfPage } from './audit-as-of-page.js';
import { AuditChainPage } from './audit-chain-page.js';
import { AuditEvidencePage } from './audit-evidence-page.js';
import { AuditIntegrityPage } from './audit-integrity-page.js';
import { AuditReportPage } from './audit-report-page.js';
import { AuditStreamPage } from './audit-stream-page.js';
import { AuditTimelinePage } from './audit-timeline-page.js';
import { auditPath } from './audit-url.js';

/** The audit's sections, in the order of an auditor's questions. */
const SECTIONS = [
  {
    to: auditPath.timeline(),
    label: 'Chronologie',
    // An event, its chain and the events of a figure are read from the timeline.
    matches: (route: string) =>
      route === '/audit' || route.startsWith('/audit/evenements') || route === '/audit/preuves',
  },
  { to: auditPath.stream(), label: 'Flux', matches: (route: string) => route.startsWith('/audit/flux') },
  { to: auditPath.asOf(), label: 'À une date', matches: (route: string) => route === '/audit/a-date' },
  {
    to: auditPath.integrity(),
    label: 'Intégrité',
    matches: (route: string) => route === '/audit/integrite',
  },
  { to: auditPath.report(), label: 'Rapport annuel', matches: (route: string) => route === '/audit/rapport' },
];

/** Whether a route belongs to the audit (role auditor, and administrators). */
export const isAuditRoute = (route: string) => route === '/audit' || route.startsWith('/audit/');

/**
 * The audit, read-only: what happened, who did it and when, what was true on a
 * date, whether the log can be trusted, what the annual evaluation says. Its own
 * navigation, then the section.
 */
export function AuditArea({ route }: { route: string }) {
  return (
    <>
      <p className="breadcrumb">
        <Link to="/">Vos contrats</Link> › Audit
      </p>
      <nav aria-label="Audit" className="audit-nav">
        <ul>
          {SECTIONS.map((section) => (
            <li key={section.to}>
              <Link to={section.to} current={section.matches(route)}>
                {section.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <AuditSection route={route} />
    </>
  );
}

function AuditSection({ route }: { route: string }) {
  const event = /^\/audit\/evenements\/(\d+)$/.exec(route);
  if (event?.[1]) return <AuditChainPage position={Number(event[1])} />;
  const stream = /^\/audit\/flux(?:\/([^/]+))?$/.exec(route);
  if (stream) return <AuditStreamPage stream={stream[1] ? decodeURIComponent(stream[1]) : undefined} />;
  if (route === '/audit/integrite') return <AuditIntegrityPage />;
  if (route === '/audit/preuves') return <AuditEvidencePage />;
  if (route === '/audit/a-date') return <AuditAsOfPage />;
  if (route === '/audit/rapport') return <AuditReportPage />;
  return <AuditTimelinePage />;
}
