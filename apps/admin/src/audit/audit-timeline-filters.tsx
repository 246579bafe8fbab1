import { count } from '@cls/french';
import { useTRPC } from '@cls/web';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import {
  actorLabel,
  categoryLabel,
  eventTypeLabel,
  isTimeAxis,
  TIME_AXIS_LABELS,
  type TimeAxis,
} from './audit-labels.js';
import { replaceSearch } from './audit-url.js';

/** The timeline's question, as the query string keeps it. */
export interface TimelineFilter {
  contractId?: string;
  category?: string;
  type?: string;
  actorId?: string;
  time: TimeAxis;
  from?: string;
  to?: string;
}

/** Names of the filters in the URL (French, as the rest of the admin app's addresses). */
const PARAMS = {
  contractId: 'contrat',
  category: 'categorie',
  type: 'type',
  actorId: 'acteur',
  time: 'temps',
  from: 'du',
  to: 'au',
} as const satisfies Record<keyof TimelineFilter, string>;

export function timelineFilterOf(params: URLSearchParams): TimelineFilter {
  const value = (key: keyof typeof PARAMS) => params.get(PARAMS[key]) || undefined;
  const time = params.get(PARAMS.time);
  return {
    contractId: value('contractId'),
    category: value('category'),
    type: value('type'),
    actorId: value('actorId'),
    time: isTimeAxis(time) ? time : 'occurred',
    from: value('from'),
    to: value('to'),
  };
}

/** The query string of a filter, e.g. for a link to a contract's events between two days. */
export const timelineSearchOf = (filter: Partial<TimelineFilter>) =>
  Object.fromEntries(
    Object.entries(filter).map(([key, value]) => [PARAMS[key as keyof TimelineFilter], value]),
  );

const setFilter = (key: keyof TimelineFilter, value: string) => replaceSearch({ [PARAMS[key]]: value });

/** Filters of the timeline, each applied as it is chosen (the URL keeps them). */
export function TimelineFilters({ filter }: { filter: TimelineFilter }) {
  const trpc = useTRPC();
  const id = useId();
  const facets = useQuery(trpc.audit.facets.queryOptions());
  const types = [...(facets.data?.types ?? [])].sort((a, b) =>
    eventTypeLabel(a).localeCompare(eventTypeLabel(b), 'fr'),
  );
  const select = (
    key: keyof TimelineFilter,
    label: string,
    all: string,
    options: Array<[value: string, text: string]>,
  ) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <select
        id={`${id}-${key}`}
        value={filter[key] ?? ''}
        onChange={(event) => setFilter(key, event.target.value)}
      >
        {all ? <option value="">{all}</option> : null}
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
  const date = (key: 'from' | 'to', label: string) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        type="date"
        value={filter[key] ?? ''}
        onChange={(event) => setFilter(key, event.target.value)}
      />
    </div>
  );
  return (
    <search>
      <form
        className="filters"
        aria-label="Filtres de la chronologie"
        onSubmit={(event) => event.preventDefault()}
      >
        {select(
          'contractId',
          'Contrat',
          'Tous',
          (facets.data?.contracts ?? []).map((contract) => [contract.id, contract.name]),
        )}
        {select(
          'category',
          'Catégorie de flux',
          'Toutes',
          (facets.data?.categories ?? []).map((category) => [category, categoryLabel(category)]),
        )}
        {select(
          'type',
          'Type d’événement',
          'Tous',
          types.map((type) => [type, eventTypeLabel(type)]),
        )}
        {select(
          'actorId',
          'Acteur',
          'Tous',
          (facets.data?.actors ?? []).map((actor) => [
            actor.id,
            `${actorLabel(actor)} — ${count(actor.events, 'événement')}`,
          ]),
        )}
        {select(
          'time',
          'Dates lues sur',
          '',
          Object.entries(TIME_AXIS_LABELS).map(([axis, label]) => [axis, label.short]),
        )}
        {date('from', 'Du')}
        {date('to', 'Au')}
      </form>
      {facets.isError ? <p role="alert">{facets.error.message}</p> : null}
    </search>
  );
}
