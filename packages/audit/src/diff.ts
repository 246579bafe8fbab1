import type { RecordedEvent } from '@cls/event-store';
import { frenchDate, frenchList, frenchNumber, frenchPercent, lowerFirst } from '@cls/french';
import type { ActionSnapshot, ContractSnapshot, ConventionSnapshot, EvaluationSnapshot } from './as-of.js';
import { eventsOfContract } from './contract-scope.js';
import { compareCodes, positions } from './ordering.js';
import { endOfDay, eventTime, type TimeAxis } from './time-axis.js';

export type ChangeKind = 'added' | 'removed' | 'changed';

/** One difference between two snapshots of a contract, said in French. */
export interface SnapshotChange {
  kind: ChangeKind;
  /** Where, e.g. `actions/1.1-A2/status`, `actions/1.1-A2/deliverables/L1`, `facts/cdh2019-05`. */
  path: string;
  /** E.g. « Action 1.1-A2 : prévue → en cours ». */
  label: string;
  /** The value before and after (an element's JSON when added or removed; null when absent). */
  before: unknown;
  after: unknown;
  /** The events that make the difference: the positions on one side and not the other. */
  evidence: number[];
}

interface Field {
  key: string;
  /** Said before the values; none for a status, whose values say it all. */
  label: string | null;
  raw: unknown;
  display: string;
  evidence: number[];
}

interface Entity {
  path: string;
  /** Sort keys: collection rank then ids, parent's first. */
  order: Array<string | number>;
  /** The subject of the sentence, e.g. « Action 1.1-A2 ». */
  name: string;
  feminine: boolean;
  /** Said when it appears or disappears. */
  summary: string;
  value: unknown;
  fields: Field[];
  evidence: number[];
}

const NONE = '—';
const day = (date: string | null) => (date ? frenchDate(date) : NONE);
const text = (value: string | null) => (value === null || value === '' ? NONE : value);

const field = (
  key: string,
  label: string | null,
  raw: unknown,
  display: string,
  evidence: number[],
): Field => ({ key, label, raw, display, evidence });

function contractEntities(snapshot: ContractSnapshot): Entity[] {
  const entities: Entity[] = [];
  const c = snapshot.contract;
  if (c.exists) {
    entities.push({
      path: 'contract',
      order: [0],
      name: 'Contrat',
      feminine: false,
      summary: c.name,
      value: c,
      evidence: c.evidence,
      fields: [
        field('status', null, c.status, lowerFirst(c.statusLabel), c.statusEvidence),
        field('name', 'nom', c.name, c.name, c.evidence),
        field(
          'period',
          'période',
          c.period,
          c.period ? `${c.period.start}-${c.period.end}` : NONE,
          c.evidence,
        ),
        field(
          'territory',
          'territoire',
          c.territory?.name ?? null,
          text(c.territory?.name ?? null),
          c.evidence,
        ),
        field('signedOn', 'date de signature', c.signedOn, day(c.signedOn), c.statusEvidence),
        field(
          'amendments',
          'avenants',
          c.amendments.length,
          frenchNumber(c.amendments.length),
          positions(c.amendments.flatMap((amendment) => amendment.evidence)),
        ),
        field('closedOn', 'date de clôture', c.closedOn, day(c.closedOn), c.statusEvidence),
      ],
    });
  }
  for (const axis of snapshot.axes) {
    entities.push({
      path: `axes/${axis.code}`,
      order: [1, axis.code],
      name: `Axe ${axis.code}`,
      feminine: false,
      summary: axis.title,
      value: axis,
      evidence: axis.evidence,
      fields: [field('title', 'intitulé', axis.title, axis.title, axis.evidence)],
    });
  }
  for (const fiche of snapshot.fiches) {
    entities.push({
      path: `fiches/${fiche.code}`,
      order: [2, fiche.code],
      name: `Fiche-action ${fiche.code}`,
      feminine: true,
      summary: fiche.title,
      value: fiche,
      evidence: fiche.evidence,
      fields: [
        field('title', 'intitulé', fiche.title, fiche.title, fiche.evidence),
        field('axisCode', 'axe', fiche.axisCode, fiche.axisCode, fiche.evidence),
      ],
    });
  }
  for (const body of snapshot.governanceBodies) {
    entities.push({
      path: `governance/${body.body}`,
      order: [3, body.body],
      name: `Instance « ${body.body} »`,
      feminine: true,
      summary: body.role,
      value: body,
      evidence: body.evidence,
      fields: [
        field('role', 'rôle', body.role, text(body.role), body.evidence),
        field(
          'meetingsPerYear',
          'réunions par an',
          body.meetingsPerYear,
          body.meetingsPerYear === null ? NONE : frenchNumber(body.meetingsPerYear),
          body.evidence,
        ),
      ],
    });
  }
  for (const action of snapshot.actions) entities.push(...actionEntities(action));
  for (const convention of snapshot.conventions) entities.push(...conventionEntities(convention));
  for (const meeting of snapshot.meetings) {
    entities.push({
      path: `meetings/${meeting.meetingId}`,
      order: [6, meeting.meetingId],
      name: `Réunion « ${meeting.title} » (${meeting.body})`,
      feminine: true,
      summary: `${lowerFirst(meeting.statusLabel)}, ${day(meeting.heldOn ?? meeting.scheduledOn)}`,
      value: meeting,
      evidence: meeting.evidence,
      fields: [
        field('status', null, meeting.status, lowerFirst(meeting.statusLabel), meeting.statusEvidence),
        field('scheduledOn', 'date prévue', meeting.scheduledOn, day(meeting.scheduledOn), meeting.evidence),
        field('heldOn', 'date de tenue', meeting.heldOn, day(meeting.heldOn), meeting.statusEvidence),
        field(
          'decisions',
          'décisions',
          meeting.decisions,
          meeting.decisions.length === 0 ? NONE : frenchList(meeting.decisions.map((d) => `« ${d} »`)),
          meeting.statusEvidence,
        ),
        field(
          'minutesLink',
          'compte rendu',
          meeting.minutesLink,
          text(meeting.minutesLink),
          meeting.statusEvidence,
        ),
      ],
    });
  }
  for (const evaluation of snapshot.evaluations) entities.push(...evaluationEntities(evaluation));
  for (const fact of snapshot.facts) {
    const precision = fact.inferred ? `${fact.precision}, déduite` : fact.precision;
    entities.push({
      path: `facts/${fact.factId}`,
      order: [8, fact.factId],
      name: `Fait ${fact.factId}`,
      feminine: false,
      summary: `${fact.subject} (${frenchDate(fact.date)})`,
      value: fact,
      evidence: fact.evidence,
      fields: [
        field('subject', 'objet', fact.subject, fact.subject, fact.evidence),
        field('date', 'date', fact.date, frenchDate(fact.date), fact.evidence),
        field('precision', 'précision', [fact.precision, fact.inferred], precision, fact.evidence),
      ],
    });
  }
  for (const offer of snapshot.offers) {
    const links = offer.links.map((link) => link.actionCode ?? link.actionId);
    entities.push({
      path: `offers/${offer.offerId}`,
      order: [9, offer.offerId],
      name: `Offre « ${offer.name} »`,
      feminine: true,
      summary: `${offer.kindLabel}, ${offer.communeName}`,
      value: offer,
      evidence: offer.evidence,
      fields: [
        field('name', 'nom', offer.name, offer.name, offer.evidence),
        field('closedOn', 'date de fermeture', offer.closedOn, day(offer.closedOn), offer.evidence),
        field('links', 'actions', links, links.length === 0 ? NONE : frenchList(links), offer.evidence),
      ],
    });
  }
  return entities;
}

function actionEntities(action: ActionSnapshot): Entity[] {
  const name = `Action ${action.code}`;
  const progress = action.progress;
  const progressEvidence = progress?.evidence ?? [];
  const entities: Entity[] = [
    {
      path: `actions/${action.code}`,
      order: [4, action.code],
      name,
      feminine: true,
      summary: `${action.title} (${lowerFirst(action.statusLabel)})`,
      value: action,
      evidence: action.evidence,
      fields: [
        field('status', null, action.status, lowerFirst(action.statusLabel), action.statusEvidence),
        field('title', 'intitulé', action.title, action.title, action.evidence),
        field('ficheCode', 'fiche-action', action.ficheCode, action.ficheCode, action.evidence),
        field(
          'progress',
          'avancement',
          progress?.progress ?? null,
          progress ? lowerFirst(progress.progressLabel) : NONE,
          progressEvidence,
        ),
        field(
          'percentComplete',
          'part réalisée',
          progress?.percentComplete ?? null,
          progress?.percentComplete == null ? NONE : frenchPercent(progress.percentComplete),
          progressEvidence,
        ),
        field(
          'startedOn',
          'date de démarrage',
          action.startedOn,
          day(action.startedOn),
          action.statusEvidence,
        ),
        field('endedOn', 'date de fin', action.endedOn, day(action.endedOn), action.statusEvidence),
      ],
    },
  ];
  for (const deliverable of action.deliverables) {
    entities.push({
      path: `actions/${action.code}/deliverables/${deliverable.deliverableId}`,
      order: [4, action.code, 0, deliverable.deliverableId],
      name: `Livrable ${deliverable.deliverableId} de l’action ${action.code}`,
      feminine: false,
      summary: `${deliverable.title} (${deliverable.producedOn ? `produit le ${frenchDate(deliverable.producedOn)}` : deliverable.planned ? 'prévu' : 'non prévu'})`,
      value: deliverable,
      evidence: deliverable.evidence,
      fields: [
        field(
          'producedOn',
          null,
          deliverable.producedOn,
          deliverable.producedOn ? `produit le ${frenchDate(deliverable.producedOn)}` : 'prévu',
          deliverable.evidence,
        ),
        field('title', 'intitulé', deliverable.title, deliverable.title, deliverable.evidence),
      ],
    });
  }
  for (const measure of action.indicators) {
    entities.push({
      path: `actions/${action.code}/indicators/${measure.year}/${measure.indicator}/${measure.measuredOn}`,
      order: [4, action.code, 1, measure.year, measure.indicator, measure.measuredOn],
      name: `Mesure « ${measure.indicator} » ${measure.year} de l’action ${action.code}`,
      feminine: true,
      summary: `${frenchNumber(measure.value)}${measure.unit ? ` ${measure.unit}` : ''}`,
      value: measure,
      evidence: measure.evidence,
      fields: [
        field(
          'value',
          'valeur',
          measure.value,
          `${frenchNumber(measure.value)}${measure.unit ? ` ${measure.unit}` : ''}`,
          measure.evidence,
        ),
      ],
    });
  }
  return entities;
}

function conventionEntities(convention: ConventionSnapshot): Entity[] {
  const entities: Entity[] = [
    {
      path: `conventions/${convention.conventionId}`,
      order: [5, convention.conventionId],
      name: `Convention « ${convention.title} »`,
      feminine: true,
      summary: lowerFirst(convention.statusLabel),
      value: convention,
      evidence: convention.evidence,
      fields: [
        field(
          'status',
          null,
          convention.status,
          lowerFirst(convention.statusLabel),
          convention.statusEvidence,
        ),
        field(
          'amendments',
          'avenants',
          convention.amendments.length,
          frenchNumber(convention.amendments.length),
          positions(convention.amendments.flatMap((amendment) => amendment.evidence)),
        ),
        field(
          'terminatedOn',
          'date de résiliation',
          convention.terminatedOn,
          day(convention.terminatedOn),
          convention.statusEvidence,
        ),
      ],
    },
  ];
  for (const signature of convention.signatures) {
    entities.push({
      path: `conventions/${convention.conventionId}/signatures/${signature.party}`,
      order: [5, convention.conventionId, 0, signature.party],
      name: `Signature de ${signature.party} (convention « ${convention.title} »)`,
      feminine: true,
      summary: frenchDate(signature.signedOn),
      value: signature,
      evidence: signature.evidence,
      fields: [
        field('signedOn', 'date', signature.signedOn, frenchDate(signature.signedOn), signature.evidence),
      ],
    });
  }
  return entities;
}

function evaluationEntities(evaluation: EvaluationSnapshot): Entity[] {
  const entities: Entity[] = [
    {
      path: `evaluations/${evaluation.evaluationId}`,
      order: [7, evaluation.evaluationId],
      name: `Évaluation ${evaluation.year}`,
      feminine: true,
      summary: lowerFirst(evaluation.statusLabel),
      value: evaluation,
      evidence: evaluation.evidence,
      fields: [
        field(
          'status',
          null,
          evaluation.status,
          lowerFirst(evaluation.statusLabel),
          evaluation.statusEvidence,
        ),
        field(
          'publishedOn',
          'date de publication',
          evaluation.publishedOn,
          day(evaluation.publishedOn),
          evaluation.statusEvidence,
        ),
      ],
    },
  ];
  for (const result of evaluation.results) {
    const score = `${result.score} (${lowerFirst(result.scoreMeaning)})`;
    entities.push({
      path: `evaluations/${evaluation.evaluationId}/results/${result.resultId}`,
      order: [7, evaluation.evaluationId, 0, result.resultId],
      name: `Résultat « ${result.indicator} » (évaluation ${evaluation.year})`,
      feminine: false,
      summary: score,
      value: result,
      evidence: result.evidence,
      fields: [
        field('score', 'note', result.score, score, result.evidence),
        field('justification', 'justification', result.justification, result.justification, result.evidence),
      ],
    });
  }
  return entities;
}

function compareOrder(a: Entity['order'], b: Entity['order']): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const x = a[index] as string | number;
    const y = b[index] as string | number;
    const difference =
      typeof x === 'number' && typeof y === 'number' ? x - y : compareCodes(String(x), String(y));
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

/** Positions on one side and not on the other. */
function symmetricDifference(a: number[], b: number[]): number[] {
  const left = new Set(a);
  const right = new Set(b);
  return positions([...a.filter((p) => !right.has(p)), ...b.filter((p) => !left.has(p))]);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What changed from one snapshot of a contract to another: elements added or
 * removed, and fields changed, each with a French sentence and the events that
 * make the difference. Ordered as the snapshot is (contract, axes, fiches,
 * governance, actions, conventions, meetings, evaluations, facts, offers), ids in
 * natural order, an element before its parts.
 */
export function diffSnapshots(before: ContractSnapshot, after: ContractSnapshot): SnapshotChange[] {
  const beforeEntities = new Map(contractEntities(before).map((entity) => [entity.path, entity]));
  const afterEntities = new Map(contractEntities(after).map((entity) => [entity.path, entity]));
  const all = [
    ...afterEntities.values(),
    ...[...beforeEntities.values()].filter((e) => !afterEntities.has(e.path)),
  ];
  all.sort((a, b) => compareOrder(a.order, b.order));

  const changes: SnapshotChange[] = [];
  for (const entity of all) {
    const old = beforeEntities.get(entity.path);
    const current = afterEntities.get(entity.path);
    if (!old && current) {
      changes.push({
        kind: 'added',
        path: current.path,
        label: `${current.name} ${current.feminine ? 'ajoutée' : 'ajouté'} : ${current.summary}`,
        before: null,
        after: current.value,
        evidence: current.evidence,
      });
    } else if (old && !current) {
      changes.push({
        kind: 'removed',
        path: old.path,
        label: `${old.name} ${old.feminine ? 'retirée' : 'retiré'} : ${old.summary}`,
        before: old.value,
        after: null,
        evidence: old.evidence,
      });
    } else if (old && current) {
      for (const next of current.fields) {
        const previous = old.fields.find((candidate) => candidate.key === next.key);
        if (!previous || same(previous.raw, next.raw)) continue;
        const difference = symmetricDifference(previous.evidence, next.evidence);
        changes.push({
          kind: 'changed',
          path: `${current.path}/${next.key}`,
          label: `${current.name}${next.label ? `, ${next.label}` : ''} : ${previous.display} → ${next.display}`,
          before: previous.raw,
          after: next.raw,
          evidence: difference.length > 0 ? difference : next.evidence,
        });
      }
    }
  }
  return changes;
}

/**
 * The events of a contract's streams after the end of `from` and up to the end
 * of `to` (UTC) on the chosen clock, in that clock's order (position for ties).
 */
export function eventsBetween(
  events: readonly RecordedEvent[],
  contractId: string,
  from: string,
  to: string,
  time: TimeAxis,
): RecordedEvent[] {
  const start = endOfDay(from);
  const end = endOfDay(to);
  if (start > end) throw new RangeError(`Période invalide : le ${from} suit le ${to}`);
  return eventsOfContract(events, contractId)
    .map((event) => ({ event, at: eventTime(event, time) }))
    .filter(({ at }) => at > start && at <= end)
    .sort((a, b) => a.at - b.at || a.event.position - b.event.position)
    .map(({ event }) => event);
}
