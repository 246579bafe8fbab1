import { type MouseEvent, type ReactNode, useEffect, useState } from 'react';
import { focusWhenShown } from './shared/focus.js';

/** The app lives under /admin/; routes are the rest of the path. */
const BASE = '/admin';

const currentRoute = () => window.location.pathname.replace(/^\/admin\/?/, '/').replace(/\/+$/, '') || '/';

/**
 * Goes to a route (`/contrats/…`, with a `#anchor` to focus, e.g. a form a refusal
 * links to); `replace` leaves no history entry (a redirect: Back does not bounce on it).
 */
export function navigate(route: string, { replace = false } = {}): void {
  const url = `${BASE}${route === '/' ? '/' : route}`;
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** The element a `#anchor` names gets the focus once shown (a keyboard user lands in the form); else the page's top. */
function focusAnchor(): boolean {
  const anchor = decodeURIComponent(window.location.hash.slice(1));
  if (anchor) focusWhenShown(anchor);
  return Boolean(anchor);
}

/** The current route (`/`, `/contrats/…`), updated on navigation and on back/forward. */
export function useRoute(): string {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const update = () => {
      setRoute(currentRoute());
      if (!focusAnchor()) window.scrollTo(0, 0);
    };
    focusAnchor();
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return route;
}

/** A real link (middle-click, open in a tab), navigating in place otherwise; `current` marks the page it is on. */
export function Link({
  to,
  children,
  className,
  current,
}: {
  to: string;
  children: ReactNode;
  className?: string;
  current?: boolean;
}) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a
      href={`${BASE}${to}`}
      onClick={onClick}
      className={className}
      aria-current={current ? 'page' : undefined}
    >
      {children}
    </a>
  );
}
