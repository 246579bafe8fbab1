/** The portal's offer indexes, as the benches reach them in a running app (bench/offers). */
export { OfferFolds } from './offer-folds.js';
export { OfferFoldsKeeper } from './offer-folds-keeper.js';
export { OfferIndexCache } from './offer-index-cache.js';
export { PastDayOffers } from './past-day-offers.js';
