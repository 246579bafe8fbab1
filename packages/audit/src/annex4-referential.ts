/**
 * Annex 4 of the Cœur d'Hérault contract 2024-2029, « Référentiel d'évaluation et
 * bilan pour l'année … », as the contract writes it (../shared/seeds/text/000_…,
 * structured in cls-coeur-herault-2024.json, `evaluation.referential`). The report
 * follows its sections and asks its questions; the host may pass another
 * contract's referential of the same shape.
 */
export interface ReferentialSection {
  /** Number in the referential's summary. */
  n: number;
  title: string;
  questions: string[];
  /** What the referential says instead of questions, when it does. */
  content?: string;
  /** The body of the referential numbers this section differently. */
  numberingInBody?: number;
}

/** A row of the referential's results table: a question and the indicator it is scored on. */
export interface ReferentialResultRow {
  /** Stable: the score of the row is recorded under it (ResultScored's `resultId`). */
  resultId: string;
  question: string;
  indicator: string;
}

export interface EvaluationReferential {
  title: string;
  annex: number;
  usage: string;
  guidingQuestion: string;
  purposes: string[];
  sections: ReferentialSection[];
  conclusionQuestions: string[];
  /** The scale of the results table, as the referential words it. */
  scale: Array<{ symbol: '--' | '-' | '+' | '++'; meaning: string }>;
  /**
   * The rows of its results table, each to be scored every year. The seed's copy of
   * the annex carries marks in its score columns (`markedScore`): they score no year
   * of this contract (most likely a bilan of the previous one, `resultsTableNote`),
   * so they are not loaded as scores.
   */
  resultsTable: ReferentialResultRow[];
}

export const ANNEX4_REFERENTIAL: EvaluationReferential = {
  title: "Référentiel d'évaluation et bilan",
  annex: 4,
  usage:
    "À utiliser annuellement par la Direction Générale de l'ARS Occitanie et les collectivités territoriales signataires du CLS",
  guidingQuestion:
    'En quelle mesure les stratégies menées et les actions du CLS ont-elles permis de contribuer à la réduction des inégalités sociales et territoriales de santé (ISTS)',
  purposes: [
    'Renforcer la politique de santé au niveau local dans le respect des objectifs du PRS, tout en répondant aux besoins du territoire',
    'Coordonner, articuler et mettre en cohérence les différentes politiques publiques',
    'Réduire les inégalités sociales et territoriales de santé',
    "Permettre la construction d'un parcours de santé adapté",
  ],
  sections: [
    {
      n: 1,
      title: 'Le Contexte et le CLS en quelques dates',
      questions: [
        "Qui est à l'initiative de la démarche du CLS ?",
        'Pourquoi la collectivité a-t-elle décidé de rentrer dans une démarche de CLS ?',
        "La collectivité dispose t'elle d'un ASV, Contrat Ville (QPV), PRE (programme réussite éducative), Label PNNS, LABEL Ville OMS ?",
        'Historique de la démarche de Contrat Local de Santé',
      ],
    },
    {
      n: 2,
      title: 'Le territoire',
      questions: [
        'Nom du territoire',
        'Territoire rural, urbain ou mixte ?',
        'Nombre de communes sur le CLS ? Nombre de communes dans le département ?',
        "Nombres d'habitants sur le CLS ? Nombre d'habitants dans le département ?",
      ],
    },
    {
      n: 3,
      title: 'Diagnostic',
      questions: [
        "Un diagnostic a-t-il été réalisé essentiellement pour l'élaboration du CLS en cours ?",
        'Quels sont les principaux problèmes de santé identifiés ?',
        'Des ISTS ont-elles été identifiées ?',
      ],
    },
    {
      n: 4,
      title: 'Enjeux et objectifs',
      questions: ['Enjeux et Axes identifiés (lister succinctement les axes du CLS)'],
    },
    {
      n: 5,
      title: 'Les partenaires et les signataires (signataires, partenaires, financeurs)',
      questions: [
        'Les signataires du CLS ?',
        'Les partenaires ?',
        'Financeurs de la coordination de CLS (si elle existe avec la part des financements) ?',
      ],
    },
    {
      n: 6,
      title: 'La gouvernance',
      questions: [
        'Quel est le niveau de portage politique ? (Maire, adjoint au maire, directeur de la santé, autres ?)',
        "Le CLS dispose-t-il d'un COPIL, COTECH / groupes de travail ou commissions thématiques ?",
        'Nombre de réunions pour cette année (gouvernance seule) ?',
        'Nombre de CR formalisés et diffusés (gouvernance seule) ?',
        'Nombre de réunions COTECH pour cette année ?',
        'Nombre de CR formalisés et diffusés ?',
      ],
    },
    {
      n: 7,
      title: 'La coordination des politiques publiques',
      questions: [
        "Les acteurs impliqués dans d'autres politiques publiques s'inscrivent-ils dans la dynamique CLS ?",
        'Quels sont les acteurs qui font défaut ?',
      ],
    },
    {
      n: 8,
      title: 'Lien avec la politique de la ville (si concerné)',
      numberingInBody: 6,
      questions: [
        'Existe-t-il un contrat ville sur le territoire du CLS ?',
        'Existe-t-il une articulation avec les acteurs de la Politique de la Ville : ASV ? (Type de collaboration, dispositif, qualité)',
      ],
    },
    {
      n: 9,
      title: 'Résultats et impacts',
      questions: [
        'Les objectifs stratégiques ont-ils été atteints ? (Enumérez vos axes et notez les indicateurs adéquats à leurs avancées)',
        "Dans quelle mesure la démarche CLS a-t-elle permis d'activer les principaux leviers permettant d'agir sur l'ISTS ?",
        "Quelle est la plus-value apportée par le CLS à l'amélioration des parcours de santé ?",
        "Quels ont été les facteurs bloquant ou facilitant ? (Analyse des facteurs facilitants et/ou bloquants ? Pistes d'amélioration ?)",
      ],
    },
    {
      n: 10,
      title: "Les actions : état d'avancement",
      questions: [],
      content: 'Cf. Diaporama « Bilan des actions du CLS PCH 2019-2023 »',
    },
    {
      n: 11,
      title: 'La coordination de CLS',
      questions: [
        'Profil du coordonnateur (si présent) ?',
        'Les ressources humaines sont-elles adaptées et cohérentes au regard des objectifs poursuivis ?',
        "L'IREPS/le CODES a-t-il été mobilisé sur le CLS ?",
        "A quel titre : coordination territoriale/du CLS/d'un axe, appui aux porteurs, portage d'actions ?",
      ],
    },
    {
      n: 12,
      title: 'Les financements annuels',
      questions: [
        "Les ressources financières sont-elles dans l'ensemble adaptées et cohérentes au regard des objectifs poursuivis ?",
        "Fournir le dernier budget réalisé N et prévisionnel N+1 (Au 31 mars de l'année suivante)",
      ],
    },
  ],
  conclusionQuestions: [
    'Pour les CLS arrivés à échéance, a-t-il été reconduit ?',
    'Si non, pourquoi ?',
    "Recommandation pour le futur CLS – pistes d'amélioration",
    "Elargissement du territoire pour un futur CLS est-il envisagé ? (ou à l'inverse)",
    'Elargissement signataire et /ou financeurs est-il envisagé ?',
    'Objectifs stratégiques à venir au regard du diagnostic ORS MP-CREAI ORS',
    'Questions en suspens ?',
  ],
  scale: [
    { symbol: '--', meaning: 'vous ne répondez pas du tout à cet indicateur' },
    { symbol: '-', meaning: 'vous ne répondez pas suffisamment' },
    { symbol: '+', meaning: 'vous répondez de façon satisfaisante' },
    { symbol: '++', meaning: 'vous répondez totalement à cet indicateur' },
  ],
  resultsTable: [
    {
      resultId: 'objectifs-strategiques',
      question: 'Les objectifs stratégiques ont-ils été atteints ?',
      indicator: 'Enumérez vos axes et notez les indicateurs adéquats à leurs avancées',
    },
    {
      resultId: 'leviers-decloisonnement',
      question:
        "Dans quelle mesure la démarche CLS a-t-elle permis d'activer les principaux leviers permettant d'agir sur l'ISTS ?",
      indicator:
        "Décloisonnement des services de l'Etat, de la collectivité (emploi, social, logement,..), et avec les autres partenaires",
    },
    {
      resultId: 'leviers-coordination',
      question:
        "Dans quelle mesure la démarche CLS a-t-elle permis d'activer les principaux leviers permettant d'agir sur l'ISTS ?",
      indicator: 'Amélioration de la coordination des politiques publiques sur le territoire ?',
    },
    {
      resultId: 'leviers-politique-ville',
      question:
        "Dans quelle mesure la démarche CLS a-t-elle permis d'activer les principaux leviers permettant d'agir sur l'ISTS ?",
      indicator: 'Articulation avec la politique de la ville',
    },
    {
      resultId: 'parcours-accessibilite',
      question: "Quelle est la plus-value apportée par le CLS à l'amélioration des parcours de santé ?",
      indicator:
        "Amélioration des parcours de santé sur le territoire en terme de : d'accessibilité (géographie, culturelle, financière), de lisibilité, de sécurité",
    },
    {
      resultId: 'parcours-ville-hopital',
      question: "Quelle est la plus-value apportée par le CLS à l'amélioration des parcours de santé ?",
      indicator: 'Amélioration de la coordination Ville/Hôpital/Ville',
    },
    {
      resultId: 'parcours-satisfaction-professionnels',
      question: "Quelle est la plus-value apportée par le CLS à l'amélioration des parcours de santé ?",
      indicator: 'Satisfaction des professionnels (procédure, charge de travail)',
    },
    {
      resultId: 'parcours-patients-usagers',
      question: "Quelle est la plus-value apportée par le CLS à l'amélioration des parcours de santé ?",
      indicator: "Des patients usagers (délais d'attente, qualité de la prise en charge)",
    },
  ],
};
