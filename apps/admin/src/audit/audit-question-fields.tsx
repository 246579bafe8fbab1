import { useTRPC } from '@cls/web';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { TIME_AXIS_LABELS, type TimeAxis } from './audit-labels.js';

/*
 * The fields auditors' questions share: which contract, and on which clock the
 * dates are read.
 */

/** The contracts of the log (all of them: an auditor reads every contract). */
export function ContractSelect({ value, onChange }: { value: string; onChange(contractId: string): void }) {
  const trpc = useTRPC();
  const id = useId();
  const facets = useQuery(trpc.audit.facets.queryOptions());
  return (
    <div className="field">
      <label htmlFor={id}>Contrat</label>
      <select id={id} value={value} required onChange={(event) => onChange(event.target.value)}>
        <option value="">— choisir —</option>
        {facets.data?.contracts.map((contract) => (
          <option key={contract.id} value={contract.id}>
            {contract.name}
          </option>
        ))}
      </select>
      {facets.isError ? <p className="field__error">{facets.error.message}</p> : null}
    </div>
  );
}

/**
 * The contract's name as titles give it (the log's contracts, as the select lists
 * them); undefined while it loads or for an id the log does not hold.
 */
export function useContractName(contractId: string | undefined): string | undefined {
  const trpc = useTRPC();
  const facets = useQuery(trpc.audit.facets.queryOptions());
  return contractId ? facets.data?.contracts.find((contract) => contract.id === contractId)?.name : undefined;
}

/** Business time or record time, each said as the question it answers. */
export function TimeAxisChoice({ value, onChange }: { value: TimeAxis; onChange(time: TimeAxis): void }) {
  const name = useId();
  return (
    <fieldset className="field audit-axis">
      <legend>Dates lues sur</legend>
      {(Object.keys(TIME_AXIS_LABELS) as TimeAxis[]).map((axis) => (
        <label key={axis} className="audit-axis__choice">
          <input
            type="radio"
            name={name}
            value={axis}
            checked={value === axis}
            onChange={() => onChange(axis)}
          />
          <span>
            <strong>{TIME_AXIS_LABELS[axis].question}</strong>{' '}
            <span className="muted">({TIME_AXIS_LABELS[axis].short.toLowerCase()})</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
