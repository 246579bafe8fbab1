import { ReportInputSchema } from '@cls/api/schemas';
import { exportNdjson, reportCsv, reportHtml, reportJson, signedHeadLine } from '@cls/audit';
import type { EventStore, RecordedEvent } from '@cls/event-store';
import { Controller, Get, HttpException, Inject, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { AccountsService } from '../accounts/accounts.service.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { readSessionCookie } from '../trpc/session-cookie.js';
import { AuditService } from './audit.service.js';

/** Where the admin app shows an event with its causal chain: the report's figures link there. */
const eventLink = (position: number) => `/admin/audit/evenements/${position}`;

const ReportQuery = ReportInputSchema.extend({ year: z.coerce.number().int().min(1990).max(2100) });
const ExportQuery = z.object({
  stream: z
    .string()
    .regex(/^[a-z_]+-.+$/, { error: 'flux : <catégorie>-<id>' })
    .optional(),
});

/**
 * The audit's documents, as files: the annual evaluation report (printable
 * HTML, CSV, JSON) and the log exported as NDJSON with its hashes, for the
 * offline verifier, each made after the log was verified and ending with its
 * signed head. Auditors and administrators only, never cached. The public key
 * that verifies the signed heads is public.
 */
@Controller('api/audit')
export class AuditController {
  constructor(
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(AccountsService) private readonly accounts: AccountsService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  private async requireAuditor(request: Request): Promise<void> {
    const session = await this.accounts.session(readSessionCookie(request));
    if (!session) throw new HttpException({ statusCode: 401, message: 'Connexion requise' }, 401);
    if (!session.grants.some((grant) => grant.role === 'auditor' || grant.role === 'admin')) {
      throw new HttpException(
        { statusCode: 403, message: 'Audit réservé aux auditeurs et aux administrateurs' },
        403,
      );
    }
  }

  @Get('report.:format')
  async report(@Req() request: Request, @Res() response: Response, @Query() query: unknown) {
    await this.requireAuditor(request);
    const format = request.params.format;
    if (format !== 'html' && format !== 'csv' && format !== 'json') {
      throw new HttpException({ statusCode: 404, message: 'Formats : html, csv ou json' }, 404);
    }
    const parsed = ReportQuery.safeParse(query);
    if (!parsed.success) {
      const message = parsed.error.issues
        .map((issue) => `${String(issue.path[0] ?? '')} : ${issue.message}`)
        .join(' ; ');
      throw new HttpException({ statusCode: 400, error: 'Paramètres invalides', message }, 400);
    }
    const signed = await this.audit.signedReport(parsed.data);
    if (!signed)
      throw new HttpException(
        { statusCode: 404, message: `Contrat ${parsed.data.contractId} introuvable` },
        404,
      );
    const { report, attestation } = signed;
    const name = `evaluation-${parsed.data.contractId}-${parsed.data.year}`;
    response.setHeader('Cache-Control', 'no-store');
    if (format === 'html')
      response.type('text/html; charset=utf-8').send(reportHtml(report, { eventLink, attestation }));
    else if (format === 'csv')
      response.type('text/csv; charset=utf-8').attachment(`${name}.csv`).send(reportCsv(report, attestation));
    else
      response
        .type('application/json; charset=utf-8')
        .attachment(`${name}.json`)
        .send(reportJson(report, attestation));
  }

  /** The Ed25519 public key (PEM) that verifies the signed heads: for `pnpm audit:verify --public-key`. */
  @Get('public-key')
  publicKey(@Res() response: Response) {
    response.setHeader('Cache-Control', 'no-cache');
    response.type('application/x-pem-file').send(this.audit.publicKey);
  }

  /**
   * One stream, or the whole log page by page, one event per line with its
   * hashes, up to the head signed by the check run first; then that signed head
   * (or why nothing was signed: the log failed its check).
   */
  @Get('export.ndjson')
  async export(@Req() request: Request, @Res() response: Response, @Query() query: unknown) {
    await this.requireAuditor(request);
    const parsed = ExportQuery.safeParse(query);
    if (!parsed.success) {
      throw new HttpException(
        { statusCode: 400, message: parsed.error.issues.map((issue) => issue.message).join(' ; ') },
        400,
      );
    }
    const { stream } = parsed.data;
    const attestation = await this.audit.attestation();
    // The log as of its signed head: what was appended since is for the next export.
    const upTo = attestation.signedHead?.position ?? Number.POSITIVE_INFINITY;
    response.setHeader('Cache-Control', 'no-store');
    // attachment() types the answer from the name's extension, unknown for .ndjson: typed after it.
    response.attachment(`${stream ?? 'journal'}.ndjson`).type('application/x-ndjson; charset=utf-8');
    if (stream) {
      const events = (await this.store.readStream(stream)).filter((event) => event.position <= upTo);
      response.end(
        exportNdjson(events) +
          signedHeadLine(
            attestation.signedHead ? { signedHead: attestation.signedHead, stream } : attestation,
          ),
      );
      return;
    }
    let from = 0;
    for (;;) {
      const page: RecordedEvent[] = (await this.store.readAll({ fromPosition: from, limit: 2000 })).filter(
        (event) => event.position <= upTo,
      );
      if (page.length === 0) break;
      response.write(exportNdjson(page));
      from = (page[page.length - 1] as RecordedEvent).position;
    }
    response.end(signedHeadLine(attestation));
  }
}
