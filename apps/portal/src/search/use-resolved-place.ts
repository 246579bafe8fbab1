import { useTRPC } from '@cls/web';
import { skipToken, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { MY_POSITION, type SearchState } from './url-state.js';

/**
 * A shared link may name a commune without its position (`?q=Lodève`): the best
 * match stands for it. True when nothing matches.
 */
export function useResolvedPlace(
  state: SearchState,
  go: (changes: Partial<SearchState>, replace: boolean) => void,
) {
  const trpc = useTRPC();
  const unresolved = state.q !== '' && state.q !== MY_POSITION && !state.center;
  const communes = useQuery(
    trpc.portal.communes.queryOptions(unresolved ? { q: state.q, limit: 1 } : skipToken),
  );
  const match = unresolved ? communes.data?.[0] : undefined;
  useEffect(() => {
    // In place of the incomplete link: going back must not land on it again.
    if (match) go({ q: match.name, commune: match.insee, center: { lon: match.lon, lat: match.lat } }, true);
  }, [match, go]);
  return unresolved && communes.data?.length === 0;
}
