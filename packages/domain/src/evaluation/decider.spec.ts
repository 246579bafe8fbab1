import { describe, expect, it } from 'vitest';
import { streamOfCommand } from '../command-routing.js';
import { COMMAND_SCHEMAS } from '../command-schemas.js';
import { fold } from '../decider.js';
import { DeciderSpecification } from '../decider-specification.js';
import { AnswerEvaluationQuestionSchema, evaluationIdOf, SCORES, ScoreResultSchema } from './commands.js';
import { type EvaluationContext, evaluationDecider, SCORE_SCALE } from './decider.js';
import type {
  EvaluationOpened,
  EvaluationPublished,
  EvaluationQuestionAnswered,
  ResultScored,
} from './events.js';

const spec = DeciderSpecification.for(evaluationDecider);
const contractId = 'cls-coeur-herault-2024';
const evaluationId = 'cls-coeur-herault-2024.2025';
const context: EvaluationContext = { contract: { status: 'signed', period: { start: 2024, end: 2029 } } };

const opened: EvaluationOpened = { type: 'EvaluationOpened', data: { evaluationId, contractId, year: 2025 } };
const scored: ResultScored = {
  type: 'ResultScored',
  data: {
    evaluationId,
    resultId: 'axe1-installation',
    question: 'Le CLS a-t-il favorisé l’installation de professionnels de santé ?',
    indicator: 'Nombre de professionnels installés',
    score: '+',
    evidence: 'Trois médecins installés à Lodève et Clermont-l’Hérault',
  },
};
const published: EvaluationPublished = {
  type: 'EvaluationPublished',
  data: { evaluationId, publishedOn: '2026-02-15' },
  occurredAt: '2026-02-15T00:00:00.000Z',
};

describe('Evaluation decider', () => {
  describe('OpenEvaluation', () => {
    const command = { type: 'OpenEvaluation' as const, contractId, year: 2025 };
    it('opens the evaluation of a year of the contract', () =>
      spec.given([]).when(command, context).thenEmits([opened]));
    it('refuses to open it twice', () =>
      spec.given([opened]).when(command, context).thenRefuses('already_exists'));
    it('refuses an unknown contract', () =>
      spec
        .given([])
        .when(command, {})
        .thenRefuses('not_found', /Contrat .* introuvable/));
    it('refuses a year outside the contract period', () => {
      spec
        .given([])
        .when({ ...command, year: 2030 }, context)
        .thenRefuses('invalid_value', /2030.*hors de la période/);
      const refusal = evaluationDecider.decide(
        { ...command, year: 2023 },
        evaluationDecider.initialState(),
        context,
      );
      expect(refusal).toMatchObject({ code: 'invalid_value', field: 'year' });
    });
    it('refuses to open again once published', () =>
      spec
        .given([opened, scored, published])
        .when(command, context)
        .thenRefuses('invalid_status', /publiée.*immuable/));
  });

  describe('ScoreResult', () => {
    const command = { type: 'ScoreResult' as const, ...scored.data };
    it('scores a result with its justification', () =>
      spec.given([opened]).when(command, context).thenEmits([scored]));
    it('scores a result again, the latest score winning', () => {
      const rescored: ResultScored = { ...scored, data: { ...scored.data, score: '++', evidence: 'Cinq' } };
      spec
        .given([opened, scored])
        .when({ ...command, score: '++', evidence: 'Cinq' }, context)
        .thenEmits([rescored]);
      const state = fold(evaluationDecider, [opened, scored, rescored]);
      expect(Object.keys(state.results)).toEqual(['axe1-installation']);
      expect(state.results['axe1-installation']?.score).toBe('++');
    });
    it('refuses a result of an evaluation not opened', () =>
      spec
        .given([])
        .when(command, context)
        .thenRefuses('not_found', /introuvable/));
    it('refuses to score a published evaluation', () =>
      spec
        .given([opened, scored, published])
        .when({ ...command, score: '--' }, context)
        .thenRefuses('invalid_status', /publiée.*immuable/));
  });

  describe('AnswerEvaluationQuestion', () => {
    const question =
      'Les acteurs impliqués dans d’autres politiques publiques s’inscrivent-ils dans la dynamique CLS ?';
    const command = {
      type: 'AnswerEvaluationQuestion' as const,
      evaluationId,
      questionKey: '7.1',
      question,
      answer: 'Oui : la politique de la ville et le PAT siègent au COPIL.',
    };
    const answered: EvaluationQuestionAnswered = {
      type: 'EvaluationQuestionAnswered',
      data: { evaluationId, questionKey: '7.1', question, answer: command.answer },
    };
    it('records the narrative answer to a question of the referential', () =>
      spec.given([opened]).when(command, context).thenEmits([answered]));
    it('answers again, the latest answer replacing the first', () => {
      const again: EvaluationQuestionAnswered = {
        ...answered,
        data: { ...answered.data, answer: 'En partie.' },
      };
      spec
        .given([opened, answered])
        .when({ ...command, answer: 'En partie.' }, context)
        .thenEmits([again]);
      expect(fold(evaluationDecider, [opened, answered, again]).answers).toEqual({ '7.1': 'En partie.' });
    });
    it('answers without the question’s wording', () => {
      const { question: _, ...withoutWording } = command;
      const { question: __, ...data } = answered.data;
      spec
        .given([opened])
        .when(withoutWording, context)
        .thenEmits([{ ...answered, data }]);
    });
    it('refuses an answer to an evaluation not opened', () =>
      spec
        .given([])
        .when(command, context)
        .thenRefuses('not_found', /introuvable/));
    it('refuses to change an answer once published', () =>
      spec
        .given([opened, scored, answered, published])
        .when({ ...command, answer: 'Non' }, context)
        .thenRefuses('invalid_status', /publiée.*immuable/));
    it('knows the questions by section and rank: 1 to 12 or the conclusion', () => {
      const keyed = (questionKey: string) =>
        AnswerEvaluationQuestionSchema.safeParse({ evaluationId, questionKey, answer: 'Oui' }).success;
      expect(['1.1', '7.2', '12.2', 'conclusion.7'].map(keyed)).toEqual([true, true, true, true]);
      expect(['0.1', '13.1', '7', '7.0', 'conclusion', 'résultats.1'].map(keyed)).toEqual([
        false,
        false,
        false,
        false,
        false,
        false,
      ]);
      expect(
        AnswerEvaluationQuestionSchema.safeParse({ evaluationId, questionKey: '7.1', answer: ' ' }).success,
      ).toBe(false);
    });
  });

  describe('PublishEvaluation', () => {
    const command = { type: 'PublishEvaluation' as const, evaluationId, publishedOn: '2026-02-15' };
    it('publishes an evaluation with scored results', () =>
      spec.given([opened, scored]).when(command, context).thenEmits([published]));
    it('publishes with the seal the host computed: the report’s hash and the position it covers, signed', () => {
      const seal = {
        contentHash: 'a'.repeat(64),
        coversPosition: 41,
        closingDate: '2026-02-15',
        keyId: '0123456789abcdef',
        signature: 'c2ln',
      };
      spec
        .given([opened, scored])
        .when({ ...command, seal }, context)
        .thenEmits([{ ...published, data: { ...published.data, seal } }]);
      expect(
        fold(evaluationDecider, [opened, scored, { ...published, data: { ...published.data, seal } }]).seal,
      ).toEqual(seal);
    });
    it('refuses to publish an evaluation not opened', () =>
      spec.given([]).when(command, context).thenRefuses('not_found'));
    it('refuses to publish without any scored result', () =>
      spec
        .given([opened])
        .when(command, context)
        .thenRefuses('invalid_value', /Aucun résultat/));
    it('refuses to publish twice', () =>
      spec.given([opened, scored, published]).when(command, context).thenRefuses('already_done'));
    it('refuses a publication before the year evaluated', () =>
      spec
        .given([opened, scored])
        .when({ ...command, publishedOn: '2024-12-31' }, context)
        .thenRefuses('invalid_value', /avant cette année/));
  });
});

describe('Score scale', () => {
  it('orders the four symbols of annex 4', () => {
    expect(SCORES.map((score) => SCORE_SCALE[score].ordinal)).toEqual([0, 1, 2, 3]);
    expect(SCORES.every((score) => SCORE_SCALE[score].symbol === score)).toBe(true);
    expect(SCORE_SCALE['--'].meaning).toMatch(/pas du tout/);
    expect(SCORE_SCALE['++'].meaning).toMatch(/totalement/);
  });
  it('refuses a score off the scale and a result without justification', () => {
    const line = {
      evaluationId,
      resultId: 'axe1-installation',
      question: 'Question ?',
      indicator: 'Indicateur',
      score: '+',
      evidence: 'Justification',
    };
    expect(ScoreResultSchema.safeParse(line).success).toBe(true);
    expect(ScoreResultSchema.safeParse({ ...line, score: '+++' }).success).toBe(false);
    expect(ScoreResultSchema.safeParse({ ...line, evidence: '   ' }).success).toBe(false);
  });
});

describe('an evaluation’s id', () => {
  it('is derived from its contract and year: a client cannot choose it', () => {
    const parsed = COMMAND_SCHEMAS.OpenEvaluation.parse({
      evaluationId: 'cls-coeur-herault-2024.2025',
      contractId: 'cls-autre',
      year: 2025,
    });
    expect(parsed).toEqual({ contractId: 'cls-autre', year: 2025 });
    expect(streamOfCommand({ type: 'OpenEvaluation', ...parsed })).toBe('evaluation-cls-autre.2025');
    expect(evaluationIdOf(contractId, 2025)).toBe(evaluationId);
  });

  it('routes the commands on an open evaluation by the id they carry', () => {
    expect(streamOfCommand({ type: 'PublishEvaluation', evaluationId, publishedOn: '2026-01-01' })).toBe(
      `evaluation-${evaluationId}`,
    );
  });
});
