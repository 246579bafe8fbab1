export {
  DEMO_ACCOUNTS,
  DEMO_CONTRACT_ID,
  DEMO_PASSWORD,
  DEMO_PILOTED_ACTION_ID,
  type DemoAccount,
} from './demo-accounts.js';
export { kindOfName, planMeans } from './means.js';
export { type OpenDataTerritory, planDemoOffers, sourceDateOf } from './offers.js';
export {
  type ListedOffer,
  type PlaceCommune,
  type PlaceOffersPlan,
  planPlaceOffers,
} from './place-offers.js';
export {
  adoptionOf,
  type PlannedCommand,
  planContract,
  planDemo,
  planHistory,
  type SourceDate,
  sourceDate,
} from './plan.js';
export {
  defaultSharedDir,
  loadSeeds,
  type SeedContract,
  type SeedFact,
  type SeedPlace,
  type Seeds,
} from './seeds.js';
export { stableCommandId } from './stable-command-id.js';
