export { RPPS_COLUMNS, type RppsColumn, type RppsHeader, rppsHeaderOf } from './columns.js';
export {
  madeUpPractitioner,
  madeUpRppsLine,
  REAL_RPPS_LINES,
  RPPS_HEADER,
  RPPS_HEADER_LATER,
} from './fixtures.js';
export {
  type CommuneAnswer,
  CommuneCentres,
  type CommuneQuery,
  type FrenchCommune,
  FrenchCommunes,
  parseCommuneCentres,
} from './french-communes.js';
export {
  type CommunePlaces,
  GENERAL_MEDICINE_SAVOIR_FAIRE,
  groupBySite,
  offerOfSite,
  type PractitionerOffer,
  type SiteOutcome,
} from './practitioner-offer.js';
export {
  type ActivityOfLine,
  detached,
  type PractitionerActivity,
  practitionerOfferId,
  practitionerSiteOfLine,
  RPPS_PROFESSIONS,
  type RppsProfession,
  type RppsSiteAddress,
  siteKey,
} from './practitioner-site.js';
