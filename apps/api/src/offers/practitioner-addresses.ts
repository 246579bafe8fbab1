import { basename } from 'node:path';
import {
  type BanReadSummary,
  describeAddressMatches,
  FrenchCommunes,
  type LonLat,
  loadBanAddresses,
  type PractitionerOffer,
  practitionerSiteOfLine,
  type RppsHeader,
  readTextLines,
  rppsHeaderOf,
  type TextEncoding,
} from '@cls/offers';

/** How many rejected lines of a BAN file the report lists; the others are counted. */
const LISTED_BAN_REJECTIONS = 5;

/** Practitioners' sites placed at their address (`pnpm offers:import … --addresses=adresses-34.csv.gz`). */
export interface AddressPlacement {
  /** importPractitioners' `addressPosition`: the site's BAN address, or undefined (it stays at its commune's centre). */
  addressPosition: (offer: PractitionerOffer) => LonLat | undefined;
  /** The report's lines: each BAN file read, and the addresses found and not found. */
  notes: () => string[];
}

/**
 * The INSEE codes of the communes where the extraction has a liberal site of a profession that
 * makes offers: what the BAN files are filtered with, so that memory follows the sites' communes,
 * not the departments' hundreds of thousands of addresses. One pass over the file, streamed.
 */
export async function communesOfPractitionerSites(
  file: string,
  encoding: TextEncoding,
  communes: FrenchCommunes,
): Promise<Set<string>> {
  const found = new Set<string>();
  let header: RppsHeader | undefined;
  for await (const { line, text } of readTextLines(file, encoding)) {
    if (!header) {
      header = rppsHeaderOf(text);
      continue;
    }
    const read = practitionerSiteOfLine(text.split('|'), header, line);
    if (!('activity' in read)) continue;
    const answer = communes.resolve(read.activity.site.address);
    // The commune's code comes from @etalab/decoupage-administratif, not from the line.
    if ('commune' in answer) found.add(answer.commune.insee);
  }
  return found;
}

/** « adresses-34.csv.gz : 523 114 lignes lues, 12 408 adresses gardées, 2 lignes rejetées (ligne 12 : position absente) ». */
export function describeBanFile(summary: BanReadSummary): string {
  const rejected = summary.rejected.length;
  const listed = summary.rejected
    .slice(0, LISTED_BAN_REJECTIONS)
    .map(({ line, reason }) => `ligne ${line} : ${reason}`)
    .join(' ; ');
  return [
    `Adresses BAN ${basename(summary.file)} : ${summary.lines} lignes lues, ${summary.kept} adresses des communes des sites gardées`,
    rejected === 0
      ? ''
      : `, ${rejected} ${rejected > 1 ? 'lignes rejetées' : 'ligne rejetée'} (${listed}${rejected > LISTED_BAN_REJECTIONS ? ' ; …' : ''})`,
  ].join('');
}

/**
 * Reads the BAN files given for the communes of the extraction's sites, and answers each
 * offer's position at its address, counting the addresses found and not found. A site not found
 * keeps its commune's centre, flagged approximate: never a guess.
 */
export async function placeAtAddresses(
  file: string,
  encoding: TextEncoding,
  banFiles: readonly string[],
  communes: FrenchCommunes = FrenchCommunes.load(),
): Promise<AddressPlacement> {
  const wanted = await communesOfPractitionerSites(file, encoding, communes);
  const { index, files } = await loadBanAddresses(banFiles, wanted);
  let found = 0;
  let notFound = 0;
  return {
    addressPosition: (offer) => {
      const insee = offer.details.address.communeInsee;
      const position = insee ? index.position({ insee, ...offer.street }) : undefined;
      if (position) found += 1;
      else notFound += 1;
      return position;
    },
    notes: () => [...files.map(describeBanFile), describeAddressMatches(found, notFound)],
  };
}
