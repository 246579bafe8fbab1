import { z } from 'zod';

/**
 * A French department's INSEE code: `01`…`95` (no `20`: Corsica is `2A` and `2B`),
 * or an overseas department's 3 digits, `971`…`976`.
 */
export const DepartmentCodeSchema = z
  .string({ error: 'code de département requis' })
  .trim()
  .toUpperCase()
  .regex(/^(0[1-9]|1\d|[3-8]\d|9[0-5]|2[1-9AB]|97[1-6])$/, {
    error: 'code de département : 2 caractères (ex. 34, 2A) ou 3 chiffres outre-mer (ex. 974)',
  });

/**
 * The department of a commune from its INSEE code: its first 2 characters
 * (`34142` → `34`, `2A004` → `2A`), overseas its first 3 (`97411` → `974`).
 * Undefined for anything that is not a commune's code.
 */
export function departmentOfCommune(insee: string): string | undefined {
  const code = insee.trim().toUpperCase();
  if (/^97[1-6]\d{2}$/.test(code)) return code.slice(0, 3);
  if (/^(\d{2}|2[AB])\d{3}$/.test(code) && !code.startsWith('20') && !code.startsWith('97'))
    return code.slice(0, 2);
  return undefined;
}

/**
 * The departments a territory lies in, from its communes' INSEE codes, sorted;
 * none when the territory names its communes without codes (it is then in no
 * department the platform can tell).
 */
export function departmentsOfTerritory(territory: {
  communeCodes?: readonly string[] | undefined;
}): string[] {
  const departments = new Set<string>();
  for (const insee of territory.communeCodes ?? []) {
    const department = departmentOfCommune(insee);
    if (department) departments.add(department);
  }
  return [...departments].sort();
}
