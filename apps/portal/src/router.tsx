import { type AnchorHTMLAttributes, type MouseEvent, useEffect, useState } from 'react';

/** The portal lives at the site's root: a route is the path, its state the query string. */
export interface Location {
  path: string;
  search: string;
  hash: string;
}

const currentLocation = (): Location => ({
  path: window.location.pathname.replace(/\/+$/, '') || '/',
  search: window.location.search,
  hash: window.location.hash,
});

const LOCATION_CHANGE = 'popstate';

/** Goes to `to` (path, query and hash); `replace` keeps the history entry (state tweaks). */
export function navigate(to: string, { replace = false }: { replace?: boolean } = {}): void {
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new PopStateEvent(LOCATION_CHANGE));
}

/** The current location, updated on navigation and on back/forward. */
export function useLocation(): Location {
  const [location, setLocation] = useState(currentLocation);
  useEffect(() => {
    const update = () => setLocation(currentLocation());
    window.addEventListener(LOCATION_CHANGE, update);
    return () => window.removeEventListener(LOCATION_CHANGE, update);
  }, []);
  return location;
}

/** A real link (middle-click, open in a tab), navigating in place otherwise. */
export function Link({
  to,
  ...anchor
}: { to: string } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    // Another page starts at its top, unless anchored (the page then scrolls to the anchor itself);
    // a change of the search's state keeps the place the person was at.
    const otherPage = new URL(to, window.location.href).pathname !== window.location.pathname;
    navigate(to);
    if (otherPage && !to.includes('#')) window.scrollTo(0, 0);
  };
  return <a {...anchor} href={to} onClick={onClick} />;
}
