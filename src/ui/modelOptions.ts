/** The models a cell can train, as choices in a form. */
export const MODEL_OPTIONS = [
  { value: 'logreg', label: 'Logistic regression' },
  { value: 'mlp', label: 'Neural net (64 hidden units)' },
] as const;
