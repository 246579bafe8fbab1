import { departmentsOfTerritory } from '@cls/domain';
import type { ApiContext } from '../trpc.js';

/** A contract's communes and departments, as the board scopes and maps them. */
export interface ContractTerritory {
  /** Its communes' INSEE codes; empty when neither the contract nor the open data gives them. */
  communes: string[];
  /** The departments they lie in (the domain's `departmentsOfTerritory`). */
  departments: string[];
}

/**
 * A contract's territory: its communes' INSEE codes as drafted, else those of the open
 * data's CLS territory its territory's name names — the rule the portal's contract page
 * maps by (the seeds name a few communes and no code).
 */
export function contractTerritory(
  ctx: Pick<ApiContext, 'offers'>,
  contract: { territory: string; communeCodes: string[] },
): ContractTerritory {
  const communes =
    contract.communeCodes.length > 0
      ? contract.communeCodes
      : ctx.offers.territoryCommunes(contract.territory);
  return { communes, departments: departmentsOfTerritory({ communeCodes: communes }) };
}
