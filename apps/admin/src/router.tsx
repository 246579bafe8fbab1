import { type MouseEvent, type ReactNode, useEffect, useState } from 'react';

/** The app lives under /admin/; routes are the rest of the path. */
const BASE = '/admin';

const currentRoute = () => window.location.pathname.replace(/^\/admin\/?/, '/').replace(/\/+$/, '') || '/';

export function navigate(route: string): void {
  window.history.pushState(null, '', `${BASE}${route === '/' ? '/' : route}`);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** The current route (`/`, `/contrats/…`), updated on navigation and on back/forward. */
export function useRoute(): string {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const update = () => {
      setRoute(currentRoute());
      window.scrollTo(0, 0);
    };
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return route;
}

/** A real link (middle-click, open in a tab), navigating in place otherwise. */
export function Link({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={`${BASE}${to}`} onClick={onClick} className={className}>
      {children}
    </a>
  );
}
