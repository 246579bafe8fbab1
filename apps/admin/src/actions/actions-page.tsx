import { useTRPC } from '@cls/web';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from '../router.js';
import { ACTION_STATUS_LABELS, PROGRESS_LABELS } from '../shared/labels.js';
import { CsvPanel } from './csv-panel.js';

type Status = keyof typeof ACTION_STATUS_LABELS;

/** All actions of a contract, filterable by axis, status, planned year and pilot, searchable in French. */
export function ActionsPage({ contractId, canCommand }: { contractId: string; canCommand: boolean }) {
  const trpc = useTRPC();
  const id = useId();
  const [filters, setFilters] = useState<{
    axisCode?: string;
    status?: Status;
    year?: number;
    pilot?: string;
    search?: string;
  }>({});
  const overview = useQuery(trpc.board.overview.queryOptions({ contractId }));
  const actions = useQuery(trpc.board.actions.queryOptions({ contractId, ...filters }));
  const set = (key: string, value: string) =>
    setFilters((current) => ({
      ...current,
      [key]: value === '' ? undefined : key === 'year' ? Number(value) : value,
    }));
  const period = overview.data?.contract;
  const years = period
    ? Array.from({ length: period.periodEnd - period.periodStart + 1 }, (_, i) => period.periodStart + i)
    : [];

  return (
    <>
      <p className="breadcrumb">
        <Link to="/">Vos contrats</Link> ›{' '}
        <Link to={`/contrats/${contractId}`}>{period?.name ?? contractId}</Link>
      </p>
      <h1>Tableau des actions</h1>
      <search>
        <form className="filters" onSubmit={(event) => event.preventDefault()}>
          <div className="field">
            <label htmlFor={`${id}-search`}>Rechercher</label>
            <input
              id={`${id}-search`}
              type="search"
              placeholder="mots du titre, code, pilote"
              onChange={(e) => set('search', e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-axis`}>Axe</label>
            <select id={`${id}-axis`} onChange={(e) => set('axisCode', e.target.value)}>
              <option value="">Tous</option>
              {overview.data?.axes.map((axis) => (
                <option key={axis.code} value={axis.code}>
                  {axis.code} — {axis.title}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-status`}>État</label>
            <select id={`${id}-status`} onChange={(e) => set('status', e.target.value)}>
              <option value="">Tous</option>
              {Object.entries(ACTION_STATUS_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-year`}>Année prévue</label>
            <select id={`${id}-year`} onChange={(e) => set('year', e.target.value)}>
              <option value="">Toutes</option>
              {years.map((year) => (
                <option key={year} value={year}>
                  {year}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-pilot`}>Pilote</label>
            <input
              id={`${id}-pilot`}
              type="text"
              placeholder="ex. Coordination CLS"
              onChange={(e) => set('pilot', e.target.value)}
            />
          </div>
        </form>
      </search>
      <p role="status" className="muted">
        {actions.data ? `${actions.data.length} action${actions.data.length > 1 ? 's' : ''}` : 'Chargement…'}
      </p>
      <table className="table table--stacked">
        <caption className="visually-hidden">Actions du contrat</caption>
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">État</th>
            <th scope="col">Pilotes</th>
            <th scope="col">Années prévues</th>
            <th scope="col">Livrables</th>
          </tr>
        </thead>
        <tbody>
          {actions.data?.map((action) => (
            <tr key={action.actionId}>
              <th scope="row" data-label="Action">
                <Link to={`/actions/${action.actionId}`}>
                  {action.code} — {action.title}
                </Link>
              </th>
              <td data-label="État">
                <span className={`badge badge--${action.status}`}>
                  {ACTION_STATUS_LABELS[action.status as Status]}
                </span>
                {action.progress ? ` · ${PROGRESS_LABELS[action.progress]}` : ''}
              </td>
              <td data-label="Pilotes">
                {[...action.pilots, ...action.pilotPersons.map((pilot) => pilot.name)].join(', ') || '—'}
              </td>
              <td data-label="Années prévues">
                {action.plannedYears.join(', ') || '—'}
                {action.yearsUncertain ? <span className="muted"> (incertain)</span> : null}
              </td>
              <td data-label="Livrables">
                {action.deliverablesProduced}/{action.deliverablesPlanned}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <CsvPanel contractId={contractId} canCommand={canCommand} />
    </>
  );
}
