/**
 * The audit's orders: the domain's code order (one home for it), and the
 * evidence lists' order.
 */
export { compareCodes, compareText } from '@cls/domain';

/** Ascending, without duplicates: how every `evidence` list is written. */
export function positions(values: Iterable<number>): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}
