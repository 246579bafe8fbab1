import type { OfferReportStatus } from '@cls/domain';
import type { Pool } from '@cls/postgres';
import { ActionBoardQueries, type ActionFilter } from './read-models/action-board/queries.js';
import { ContractsQueries } from './read-models/contracts/queries.js';
import { DeliverablesQueries } from './read-models/deliverables/queries.js';
import { GovernanceQueries } from './read-models/governance/queries.js';
import { IndicatorsQueries } from './read-models/indicators/queries.js';
import { MeansQueries } from './read-models/means/queries.js';
import { OfferReportsQueries } from './read-models/offer-reports/queries.js';
import { type OfferArea, OffersQueries } from './read-models/offers/queries.js';
import { type OrganisationFilter, OrganisationsQueries } from './read-models/organisations/queries.js';
import { UsersQueries } from './read-models/users/queries.js';

/**
 * What the apps read, from read models only, as one object for the host and
 * the tRPC context. Each query is its read model's (`read-models/<name>/queries.ts`,
 * beside the projection that writes its tables); this class only hands them out.
 */
export class ReadModelQueries {
  private readonly board: ActionBoardQueries;
  private readonly contractsModel: ContractsQueries;
  private readonly deliverablesModel: DeliverablesQueries;
  private readonly governance: GovernanceQueries;
  private readonly indicatorsModel: IndicatorsQueries;
  private readonly meansModel: MeansQueries;
  private readonly offersModel: OffersQueries;
  private readonly offerReportsModel: OfferReportsQueries;
  private readonly usersModel: UsersQueries;
  private readonly organisationsModel: OrganisationsQueries;

  constructor(pool: Pool) {
    this.deliverablesModel = new DeliverablesQueries(pool);
    this.board = new ActionBoardQueries(pool, this.deliverablesModel);
    this.contractsModel = new ContractsQueries(pool, {
      actionBoard: this.board,
      deliverables: this.deliverablesModel,
      offers: () => this.offersModel,
    });
    this.offersModel = new OffersQueries(pool, { contracts: this.contractsModel, actionBoard: this.board });
    this.offerReportsModel = new OfferReportsQueries(pool);
    this.governance = new GovernanceQueries(pool);
    this.indicatorsModel = new IndicatorsQueries(pool);
    this.meansModel = new MeansQueries(pool);
    this.usersModel = new UsersQueries(pool);
    this.organisationsModel = new OrganisationsQueries(pool);
  }

  contracts(only?: string[]) {
    return this.contractsModel.contracts(only);
  }
  contractOverview(contractId: string) {
    return this.contractsModel.contractOverview(contractId);
  }
  /** What a contract sets up: porteur, territory, parties, commitments, previous contract, signatories, avenants. */
  contractSetup(contractId: string) {
    return this.contractsModel.contractSetup(contractId);
  }
  /** The live plan: axes → fiches (every field) → actions, in order, withdrawn items left out. */
  plan(contractId: string) {
    return this.contractsModel.plan(contractId);
  }
  /** A contract's avenants (one when `amendmentId` is given). */
  amendments(contractId: string, amendmentId?: string) {
    return this.contractsModel.amendments(contractId, amendmentId);
  }
  publicContracts() {
    return this.contractsModel.publicContracts();
  }
  publicContract(contractId: string) {
    return this.contractsModel.publicContract(contractId);
  }
  actions(filter: ActionFilter) {
    return this.board.actions(filter);
  }
  action(actionId: string) {
    return this.board.action(actionId);
  }
  deliverables(contractId: string) {
    return this.deliverablesModel.ofContract(contractId);
  }
  conventions(contractId: string) {
    return this.governance.conventions(contractId);
  }
  meetings(contractId: string) {
    return this.governance.meetings(contractId);
  }
  governanceBodies(contractId: string) {
    return this.governance.governanceBodies(contractId);
  }
  evaluations(contractId: string) {
    return this.governance.evaluations(contractId);
  }
  users() {
    return this.usersModel.users();
  }
  organisations(filter?: OrganisationFilter) {
    return this.organisationsModel.list(filter);
  }
  organisationsByIds(ids: string[]) {
    return this.organisationsModel.byIds(ids);
  }
  offers() {
    return this.offersModel.offers();
  }
  offersOfSource(...page: Parameters<OffersQueries['offersOfSource']>) {
    return this.offersModel.offersOfSource(...page);
  }
  offersChangedSince(position: number) {
    return this.offersModel.offersChangedSince(position);
  }
  offersEverIn(area: OfferArea) {
    return this.offersModel.offersEverIn(area);
  }
  offersRevision() {
    return this.offersModel.offersRevision();
  }
  /** Residents' reports of errors on offers: pending ones by default (the coordinators' queue). */
  offerReports(filter?: { status?: OfferReportStatus; offerIds?: string[] }) {
    return this.offerReportsModel.reports(filter);
  }
  offerReport(reportId: string) {
    return this.offerReportsModel.report(reportId);
  }
  /** The offers whose card says a report is being checked. */
  offersWithPendingReport() {
    return this.offerReportsModel.offersWithPendingReport();
  }
  offersOfAction(actionId: string) {
    return this.offersModel.offersOfAction(actionId);
  }
  /** A contract's indicator catalogue, each indicator's figure per year (by its aggregation rule) against its target. */
  indicatorCatalogue(contractId: string) {
    return this.indicatorsModel.catalogue(contractId);
  }
  /** A contract's means: funding lines with totals per year and per funder, calls for projects, staff time. */
  means(contractId: string) {
    return this.meansModel.means(contractId);
  }
  /** Measures named by their free label only (before the catalogue), each action's latest value per year. */
  uncataloguedMeasures(contractId: string) {
    return this.indicatorsModel.uncatalogued(contractId);
  }
}
