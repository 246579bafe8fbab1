import { OpenEvaluationSchema, PublishEvaluationSchema, SCORE_SCALE, ScoreResultSchema } from '@cls/domain';
import { frenchDate } from '@cls/french';
import { useTRPC } from '@cls/web';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from '../router.js';
import { CommandForm } from '../shared/command-form.js';
import { slugOf, thisYear, today } from '../shared/labels.js';

/**
 * The annual evaluation (annex 4 of the Cœur d'Hérault contract): results scored
 * `--` to `++` with their evidence, then published, after which it cannot change.
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
  const evaluations = useQuery(trpc.board.evaluations.queryOptions({ contractId }));
  const open = useMutation(trpc.evaluation.open.mutationOptions());
  const score = useMutation(trpc.evaluation.score.mutationOptions());
  const publish = useMutation(trpc.evaluation.publish.mutationOptions());
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
      {evaluations.data?.map((evaluation) => (
        <section
          key={evaluation.evaluationId}
          className="card"
          aria-labelledby={`e-${evaluation.evaluationId}`}
        >
          <h2 className="card__title" id={`e-${evaluation.evaluationId}`}>
            Année {evaluation.year} —{' '}
            {evaluation.status === 'published'
              ? `publiée le ${frenchDate(evaluation.publishedOn)}`
              : 'en cours'}
          </h2>
          <table className="table table--stacked">
            <caption className="visually-hidden">Résultats cotés pour {evaluation.year}</caption>
            <thead>
              <tr>
                <th scope="col">Question</th>
                <th scope="col">Indicateur</th>
                <th scope="col">Cote</th>
                <th scope="col">Justification</th>
              </tr>
            </thead>
            <tbody>
              {evaluation.results.map((result) => (
                <tr key={result.resultId}>
                  <td data-label="Question">{result.question}</td>
                  <th scope="row" data-label="Indicateur">
                    {result.indicator}
                  </th>
                  <td data-label="Cote">
                    <abbr title={SCORE_SCALE[result.score].meaning}>{result.score}</abbr>
                  </td>
                  <td data-label="Justification">{result.evidence}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {canEvaluate && evaluation.status !== 'published' ? (
            <CommandForm
              title={`Coter un résultat — ${evaluation.year}`}
              schema={ScoreResultSchema}
              fields={[
                { name: 'question', label: 'Question évaluative', type: 'textarea' },
                { name: 'indicator', label: 'Indicateur' },
                {
                  name: 'score',
                  label: 'Cote',
                  type: 'select',
                  options: Object.values(SCORE_SCALE).map((level): [string, string] => [
                    level.symbol,
                    `${level.symbol} — ${level.meaning}`,
                  ]),
                },
                { name: 'evidence', label: 'Justification (éléments de preuve)', type: 'textarea' },
              ]}
              fixed={{ evaluationId: evaluation.evaluationId, resultId: 'à-calculer' }}
              transform={(input) => ({
                ...input,
                resultId: slugOf(String(input.indicator ?? '')) || 'resultat',
              })}
              mutation={score}
              submitLabel="Enregistrer la cote"
            />
          ) : null}
          {canCommand && evaluation.status !== 'published' ? (
            <CommandForm
              title={`Publier l’évaluation ${evaluation.year}`}
              schema={PublishEvaluationSchema}
              fields={[{ name: 'publishedOn', label: 'Date de publication', type: 'date', initial: today() }]}
              fixed={{ evaluationId: evaluation.evaluationId }}
              mutation={publish}
              submitLabel="Publier (définitif)"
            />
          ) : null}
        </section>
      ))}
    </>
  );
}
