import './governance.css';
import {
  AnswerEvaluationQuestionSchema,
  OpenEvaluationSchema,
  PublishEvaluationSchema,
  SCORE_SCALE,
  type Score,
  ScoreResultSchema,
} from '@cls/domain';
import { frenchDate } from '@cls/french';
import { useTRPC } from '@cls/web';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from '../router.js';
import { CommandForm } from '../shared/command-form.js';
import { thisYear, today } from '../shared/labels.js';

const NOT_ANSWERED = 'non renseigné';

function useEvaluations(contractId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.board.evaluations.queryOptions({ contractId }));
}

function useReferential() {
  const trpc = useTRPC();
  return useQuery(trpc.board.evaluationReferential.queryOptions());
}

type EvaluationView = NonNullable<ReturnType<typeof useEvaluations>['data']>[number];
type Referential = NonNullable<ReturnType<typeof useReferential>['data']>;

const scoreText = (score: Score | undefined) =>
  score ? (
    <abbr title={SCORE_SCALE[score].meaning}>{score}</abbr>
  ) : (
    <span className="muted">{NOT_ANSWERED}</span>
  );

/**
 * The annual evaluation (annex 4 of the Cœur d'Hérault contract): every row of the
 * referential's results table scored `--` to `++` with its evidence, beside the year
 * before; every question of its sections and conclusion answered in writing; then
 * published by the coordination, after which it cannot change. The contract's
 * evaluators answer and score; the coordination opens and publishes.
 */
export function EvaluationPage({
  contractId,
  canCommand,
  canEvaluate,
}: {
  contractId: string;
  /** The coordination: opens and publishes. */
  canCommand: boolean;
  /** The coordination and the contract's evaluators: answer and score. */
  canEvaluate: boolean;
}) {
  const trpc = useTRPC();
  const evaluations = useEvaluations(contractId);
  const referential = useReferential();
  const open = useMutation(trpc.evaluation.open.mutationOptions());
  const year = thisYear();
  return (
    <>
      <p className="breadcrumb">
        <Link to="/">Vos contrats</Link> › <Link to={`/contrats/${contractId}`}>Contrat</Link>
      </p>
      <h1>Évaluation annuelle</h1>
      <p className="hint">
        Échelle :{' '}
        {Object.values(SCORE_SCALE)
          .map((level) => `${level.symbol} ${level.meaning.toLowerCase()}`)
          .join(' ; ')}
        .
      </p>
      {canCommand ? (
        <CommandForm
          title="Ouvrir l’évaluation d’une année"
          schema={OpenEvaluationSchema}
          fields={[{ name: 'year', label: 'Année évaluée', type: 'number', initial: String(year - 1) }]}
          fixed={{ contractId }}
          mutation={open}
          submitLabel="Ouvrir"
        />
      ) : null}
      {evaluations.data?.length === 0 ? <p>Aucune évaluation ouverte pour ce contrat.</p> : null}
      {referential.data
        ? evaluations.data?.map((evaluation) => (
            <Evaluation
              key={evaluation.evaluationId}
              evaluation={evaluation}
              previous={evaluations.data.find((other) => other.year === evaluation.year - 1)}
              referential={referential.data}
              canCommand={canCommand}
              canEvaluate={canEvaluate}
            />
          ))
        : null}
    </>
  );
}

function Evaluation({
  evaluation,
  previous,
  referential,
  canCommand,
  canEvaluate,
}: {
  evaluation: EvaluationView;
  previous: EvaluationView | undefined;
  referential: Referential;
  canCommand: boolean;
  canEvaluate: boolean;
}) {
  const trpc = useTRPC();
  const score = useMutation(trpc.evaluation.score.mutationOptions());
  const answer = useMutation(trpc.evaluation.answer.mutationOptions());
  const publish = useMutation(trpc.evaluation.publish.mutationOptions());
  const { year, evaluationId } = evaluation;
  const editable = evaluation.status !== 'published';
  const scoreOf = (of: EvaluationView | undefined, resultId: string) =>
    of?.results.find((result) => result.resultId === resultId);
  const rows = [
    ...referential.resultsTable,
    ...evaluation.results.filter(
      (result) => !referential.resultsTable.some((row) => row.resultId === result.resultId),
    ),
  ];
  const answers = new Map(evaluation.answers.map((item) => [item.questionKey, item.answer]));
  const questions = [
    ...referential.sections.flatMap((section) =>
      section.questions.map((question) => ({ ...question, group: `${section.n}. ${section.title}` })),
    ),
    ...referential.conclusion.map((question) => ({ ...question, group: 'Conclusion' })),
  ];
  const id = `e-${evaluationId}`;
  return (
    <section className="card" aria-labelledby={id} data-testid={`evaluation-${year}`}>
      <h2 className="card__title" id={id}>
        Année {year} —{' '}
        {evaluation.status === 'published' ? `publiée le ${frenchDate(evaluation.publishedOn)}` : 'en cours'}
      </h2>
      {evaluation.seal ? (
        <p data-testid="evaluation-seal">
          Rapport publié figé : empreinte SHA-256{' '}
          <code className="evaluation-hash" data-testid="evaluation-hash">
            {evaluation.seal.contentHash}
          </code>{' '}
          (journal jusqu’à la position {evaluation.seal.coversPosition}, signée avec la clé{' '}
          {evaluation.seal.keyId} de la plateforme). L’audit la compare au rapport rejoué depuis le journal.
        </p>
      ) : null}
      <table className="table table--stacked" data-testid="evaluation-results">
        <caption>Tableau de résultats du référentiel : {year} et l’année précédente</caption>
        <thead>
          <tr>
            <th scope="col">Question</th>
            <th scope="col">Indicateur</th>
            <th scope="col">Cote {year}</th>
            <th scope="col">Justification</th>
            <th scope="col">Cote {year - 1}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const current = scoreOf(evaluation, row.resultId);
            return (
              <tr key={row.resultId} data-testid={`result-${row.resultId}`}>
                <td data-label="Question">{row.question}</td>
                <th scope="row" data-label="Indicateur">
                  {row.indicator}
                </th>
                <td data-label={`Cote ${year}`}>{scoreText(current?.score)}</td>
                <td data-label="Justification">
                  {current?.evidence ?? <span className="muted">{NOT_ANSWERED}</span>}
                </td>
                <td data-label={`Cote ${year - 1}`}>{scoreText(scoreOf(previous, row.resultId)?.score)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {canEvaluate && editable ? (
        <CommandForm
          title={`Coter un résultat — ${year}`}
          id={`coter-${year}`}
          schema={ScoreResultSchema}
          fields={[
            {
              name: 'resultId',
              label: 'Ligne du tableau de résultats',
              type: 'select',
              options: rows.map((row): [string, string] => [row.resultId, row.indicator]),
            },
            {
              name: 'score',
              label: 'Cote proposée',
              type: 'select',
              options: Object.values(SCORE_SCALE).map((level): [string, string] => [
                level.symbol,
                `${level.symbol} — ${level.meaning}`,
              ]),
            },
            { name: 'evidence', label: 'Justification (éléments de preuve)', type: 'textarea' },
          ]}
          fixed={{ evaluationId, question: 'à compléter', indicator: 'à compléter' }}
          transform={(input) => {
            const row = rows.find((candidate) => candidate.resultId === input.resultId);
            return { ...input, question: row?.question ?? '', indicator: row?.indicator ?? '' };
          }}
          mutation={score}
          submitLabel="Enregistrer la cote"
        />
      ) : null}

      <h3>Questions du référentiel</h3>
      {[...new Set(questions.map((question) => question.group))].map((group) => (
        <section key={group} aria-label={group}>
          <h4>{group}</h4>
          <ul className="evaluation-answers" data-testid={`answers-${group.split('.')[0]}`}>
            {questions
              .filter((question) => question.group === group)
              .map((question) => (
                <li key={question.key} data-testid={`answer-${question.key}`}>
                  <p className="evaluation-answers__question">{question.text}</p>
                  <p>{answers.get(question.key) ?? <span className="muted">{NOT_ANSWERED}</span>}</p>
                </li>
              ))}
          </ul>
        </section>
      ))}
      {canEvaluate && editable ? (
        <CommandForm
          title={`Répondre à une question — ${year}`}
          id={`repondre-${year}`}
          schema={AnswerEvaluationQuestionSchema}
          fields={[
            {
              name: 'questionKey',
              label: 'Question',
              type: 'select',
              options: questions.map((question): [string, string] => [
                question.key,
                `${question.key.replace('conclusion', 'Conclusion')} — ${question.text}`,
              ]),
            },
            { name: 'answer', label: 'Réponse', type: 'textarea' },
          ]}
          fixed={{ evaluationId }}
          transform={(input) => ({
            ...input,
            question: questions.find((question) => question.key === input.questionKey)?.text,
          })}
          mutation={answer}
          submitLabel="Enregistrer la réponse"
        />
      ) : null}

      {canCommand && editable ? (
        <CommandForm
          title={`Publier l’évaluation ${year}`}
          schema={PublishEvaluationSchema}
          fields={[{ name: 'publishedOn', label: 'Date de publication', type: 'date', initial: today() }]}
          fixed={{ evaluationId }}
          mutation={publish}
          submitLabel="Publier (définitif)"
        />
      ) : null}
    </section>
  );
}
