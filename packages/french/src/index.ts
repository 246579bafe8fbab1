export { foldText, withoutAccents } from './accents.js';
export { frenchDate, frenchEventTime, frenchInstant, onFrenchDate } from './dates.js';
export { frenchDateInput, parseFrenchDate, parseFrenchNumber, parsePercent } from './input.js';
export { personName } from './names.js';
export {
  count,
  frenchEuros,
  frenchList,
  frenchNumber,
  frenchPercent,
  lowerFirst,
  NBSP,
  upperFirst,
} from './numbers.js';
export { formatPhone, telHref } from './phone.js';
