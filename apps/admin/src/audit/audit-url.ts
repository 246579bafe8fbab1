import { useEffect, useMemo, useState } from 'react';

/*
 * The audit keeps its questions in the query string (filters, dates, a report's
 * year): an auditor can bookmark or send an exact view, and links between screens
 * (a diff's change to the timeline, a figure to its events) are plain URLs.
 */

/** Dispatched when a page replaces the query string itself (history.replaceState fires nothing). */
const SEARCH_REPLACED = 'cls:search-replaced';

/** The current query string's parameters, updated on back/forward, links and `replaceSearch`. */
export function useSearchParams(): URLSearchParams {
  const [search, setSearch] = useState(() => window.location.search);
  useEffect(() => {
    const update = () => setSearch(window.location.search);
    window.addEventListener('popstate', update);
    window.addEventListener(SEARCH_REPLACED, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(SEARCH_REPLACED, update);
    };
  }, []);
  return useMemo(() => new URLSearchParams(search), [search]);
}

type SearchValues = Record<string, string | number | undefined | null>;

/** `a=1&b=x`, empty values left out. */
export function searchOf(values: SearchValues): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * Sets parameters of the current URL in place: a filter changed is not a page of
 * history, and the page is not scrolled back to its top.
 */
export function replaceSearch(values: SearchValues): void {
  const current = Object.fromEntries(new URLSearchParams(window.location.search));
  const url = `${window.location.pathname}${searchOf({ ...current, ...values })}${window.location.hash}`;
  window.history.replaceState(window.history.state, '', url);
  window.dispatchEvent(new Event(SEARCH_REPLACED));
}

/** `12,3,3,x,7` → [3, 7, 12]: the positions of an evidence link, whatever was typed. */
export function positionsOf(text: string | null): number[] {
  const positions = (text ?? '')
    .split(',')
    .map(Number)
    .filter((position) => Number.isInteger(position) && position > 0);
  return [...new Set(positions)].sort((a, b) => a - b);
}

/** The audit's screens, as routes of the admin app. */
export const auditPath = {
  timeline: (filter: SearchValues = {}) => `/audit${searchOf(filter)}`,
  /** An event with its causal chain. */
  event: (position: number) => `/audit/evenements/${position}`,
  /** A stream's history, at one of its revisions when given. */
  stream: (stream?: string, revision?: number) =>
    `/audit/flux${stream ? `/${encodeURIComponent(stream)}` : ''}${revision === undefined ? '' : `#revision-${revision}`}`,
  /** The events a figure or a change rests on. */
  evidence: (positions: readonly number[], about?: string) =>
    `/audit/preuves${searchOf({ positions: positions.join(','), objet: about })}`,
  asOf: (question: SearchValues = {}) => `/audit/a-date${searchOf(question)}`,
  integrity: () => '/audit/integrite',
  report: (question: SearchValues = {}) => `/audit/rapport${searchOf(question)}`,
};
