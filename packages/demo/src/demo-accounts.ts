/** Password of every demo account (printed by `npm start`): for a local demo only. */
export const DEMO_PASSWORD = 'demo-cls-2024';

export const DEMO_CONTRACT_ID = 'cls-coeur-herault-2024';
export const DEMO_PILOTED_ACTION_ID = `${DEMO_CONTRACT_ID}.1.1-A1`;

export interface DemoAccount {
  userId: string;
  email: string;
  displayName: string;
  /** What the account is for, as printed at start-up. */
  label: string;
  grants: Array<{
    role: 'admin' | 'coordinator' | 'pilot' | 'auditor' | 'evaluator' | 'ars' | 'elected';
    contractId?: string;
    actionId?: string;
    /** An ARS grant's departments (INSEE codes). */
    departments?: string[];
  }>;
}

/** One account per role. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    userId: 'demo-admin',
    email: 'admin@demo-cls.fr',
    displayName: 'Alice Martin',
    label: 'administratrice',
    grants: [{ role: 'admin' }],
  },
  {
    userId: 'demo-coordinatrice',
    email: 'coordinatrice@demo-cls.fr',
    displayName: 'Camille Roux',
    label: "coordinatrice du CLS Pays Cœur d'Hérault",
    grants: [{ role: 'coordinator', contractId: DEMO_CONTRACT_ID }],
  },
  {
    userId: 'demo-pilote',
    email: 'pilote@demo-cls.fr',
    displayName: 'Paul Girard',
    label: "pilote de l'action 1.1-A1",
    grants: [{ role: 'pilot', actionId: DEMO_PILOTED_ACTION_ID }],
  },
  {
    userId: 'demo-auditrice',
    email: 'auditrice@demo-cls.fr',
    displayName: 'Aude Bernard',
    label: 'auditrice (lecture seule)',
    grants: [{ role: 'auditor' }],
  },
  // Named by their role, not as invented people.
  {
    userId: 'demo-ars',
    email: 'ars@demo-cls.fr',
    displayName: 'ARS Occitanie — DD34 (démo)',
    label: "ARS, délégation de l'Hérault (34) : les contrats du département, en lecture",
    grants: [{ role: 'ars', departments: ['34'] }],
  },
  {
    userId: 'demo-elu',
    email: 'elu@demo-cls.fr',
    displayName: "Élu·e du Pays Cœur d'Hérault (démo)",
    label: "élu·e du CLS Pays Cœur d'Hérault (lecture seule)",
    grants: [{ role: 'elected', contractId: DEMO_CONTRACT_ID }],
  },
  {
    userId: 'demo-evaluatrice',
    email: 'evaluatrice@demo-cls.fr',
    displayName: "Évaluatrice du Pays Cœur d'Hérault (démo)",
    label: "évaluatrice du CLS Pays Cœur d'Hérault (réponses et cotes de l'évaluation annuelle)",
    grants: [{ role: 'evaluator', contractId: DEMO_CONTRACT_ID }],
  },
];
