export {
  BAN_COLUMNS,
  BanAddressIndex,
  type BanReadSummary,
  type BanRejection,
  describeAddressMatches,
  readBanAddresses,
  type SiteAddress,
  streetKey,
} from './ban/ban-addresses.js';
export { type BanAddresses, banFileLines, loadBanAddresses } from './ban/ban-file.js';
export { type Commune, CommuneDirectory, type Epci, parseCommunesCsv, searchKey } from './communes.js';
export {
  type DelimitedOptions,
  type DelimitedRead,
  type DelimitedRecord,
  DelimitedRecordReader,
  decodeText,
  delimitedRecords,
  delimitedRecordsOfText,
  isRecord,
  linesOfText,
  type UnreadableLine,
} from './files/delimited.js';
export {
  type DetectedOfferFile,
  detectOfferFile,
  formatOfFirstLine,
  isUtf8File,
  type OfferFileFormat,
  type ReadTextLinesOptions,
  RPPS_HEADER_START,
  readTextLines,
  startsWithBom,
  type TextEncoding,
  type TextLine,
  unreadableFile,
} from './files/index.js';
export {
  type CmpPublic,
  type CmpPublicClass,
  type CmpPublicSummary,
  cmpPublicOf,
  summarizeCmpPublics,
} from './finess/cmp-public.js';
export { departementOfFiness, inseeCommune, inseeDepartement } from './finess/departements.js';
export {
  describeRejection,
  type FinessEstablishment,
  type FinessParseResult,
  type FinessRejection,
} from './finess/establishment.js';
export { kindOfEstablishment } from './finess/kinds.js';
export { parseFiness } from './finess/parse.js';
export {
  decodeEtalab,
  ETALAB_GEOLOCATION_FIELDS,
  ETALAB_STRUCTURE_FIELDS,
  parseFinessEtalab,
} from './finess/parse-etalab.js';
export { EXTRACT_COLUMNS, parseFinessExtract } from './finess/parse-extract.js';
export {
  FINESS_PROJECTIONS,
  type FinessProjection,
  fromWgs84,
  projectionOfDepartement,
  toWgs84,
} from './finess/projections.js';
export { type FinessFileResult, type ReadFinessFileOptions, readFinessFile } from './finess/read-file.js';
export { STREET_TYPE_ABBREVIATIONS, streetTypeInFull } from './finess/street-types.js';
export { addressLine, type FinessOffer, offerOfEstablishment } from './finess/to-offer.js';
export { EARTH_RADIUS_KM, haversineKm, type LonLat } from './geo/distance.js';
export {
  COMMUNE_LABEL_ZOOMS,
  type CommuneLabel,
  communeLabelMinZoom,
  communeLabels,
  DEPARTEMENT_LABEL_MAX_ZOOM,
  type DepartementFeature,
  type DepartementLabel,
  departementLabels,
} from './geo/place-labels.js';
export {
  type ImportedOffer,
  type IncomingOffer,
  type OfferImportOptions,
  type OfferImportPlan,
  planOfferImport,
  type RegisterOfferPayload,
} from './import-plan.js';
export {
  DATA_INCLUSION_SOURCE,
  type DataInclusionService,
  type DataInclusionStructure,
  dataInclusionRow,
  e164,
  type PublishedOffer,
  SERVICE_COLUMNS,
  STRUCTURE_COLUMNS,
  serviceOfOffer,
  structureOfOffer,
} from './open-data/data-inclusion.js';
export * from './rpps/index.js';
export {
  type Bounds,
  countByKind,
  type IndexedOffer,
  type NearestQuery,
  type Neighbour,
  OfferIndex,
  type OfferQueries,
  OfferQueriesUnion,
} from './spatial-index.js';
