import type { TextEncoding } from '@cls/offers';

/** A line of the file left out, and why (French). */
export interface ImportRejection {
  line: number;
  reason: string;
}

/**
 * What an import of offers did, the same for every source (FINESS, Annuaire Santé): what was read,
 * what was added, changed, closed or left as it was, and the lines rejected with their reasons.
 */
export interface ImportReport {
  file: string;
  /** The source and the kind of file, e.g. « FINESS, extraction nationale du 2021-01-08 ». */
  source: string;
  encoding: TextEncoding;
  /** The day the offers are verified as of (the extract's date). */
  verifiedOn: string;
  /** What the file held, e.g. `{ count: 3581, what: 'établissements lus' }`. */
  read: { count: number; what: string };
  /** Read but not offers for residents, e.g. `{ count: 1200, what: 'hors offres de soins' }`. */
  ignored: { count: number; what: string };
  added: number;
  changed: number;
  closed: number;
  unchanged: number;
  /** Closed offers that appear again in the file: left closed, for a coordinator to look at. */
  reopened: string[];
  /** Lines left out (malformed, or refused by the command side), by line number. */
  rejected: ImportRejection[];
  /** Lines the importer adds to the summary, in French (the CMPs' publics…). */
  notes: string[];
}

/** How many rejected lines the summary lists; the others are counted. */
export const LISTED_REJECTIONS = 20;

/** The report in a few French lines: the counts on the third line, then the rejected lines (the first 20). */
export function describeImportReport(report: ImportReport): string {
  const lines = [
    `Import ${report.source} : ${report.file} (${report.encoding === 'utf-8' ? 'UTF-8' : 'Latin-1'})`,
    `  ${report.read.count} ${report.read.what}, ${report.ignored.count} ${report.ignored.what}`,
    `  ${report.added} offres ajoutées, ${report.changed} modifiées, ${report.closed} fermées, ${report.unchanged} inchangées, ${report.rejected.length} ${report.rejected.length > 1 ? 'lignes rejetées' : 'ligne rejetée'}`,
  ];
  if (report.reopened.length > 0) {
    lines.push(
      `  ${report.reopened.length} offres fermées réapparaissent (laissées fermées) : ${report.reopened.slice(0, 5).join(', ')}${report.reopened.length > 5 ? '…' : ''}`,
    );
  }
  for (const note of report.notes) lines.push(`  ${note}`);
  if (report.rejected.length > 0) {
    lines.push(`  Lignes rejetées :`);
    for (const { line, reason } of report.rejected.slice(0, LISTED_REJECTIONS)) {
      lines.push(`    ligne ${line} : ${reason}`);
    }
    if (report.rejected.length > LISTED_REJECTIONS) {
      lines.push(`    … et ${report.rejected.length - LISTED_REJECTIONS} autres`);
    }
  }
  return lines.join('\n');
}

/** The progress callbacks an import takes: reading the file (bytes), then appending (commands). */
export interface ImportProgress {
  /** While the file is read: bytes read and the file's size. */
  onReadProgress?: (bytesRead: number, totalBytes: number) => void;
  /** While the commands are sent: commands done and their number. */
  onProgress?: (done: number, total: number) => void;
}

/** Bytes as megabytes, the French way (`12,3 Mo`), for the reading progress bar. */
export const inMegabytes = (bytes: number): string =>
  `${(bytes / 1_000_000).toFixed(1).replace('.', ',')} Mo`;
