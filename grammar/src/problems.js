/** The Python 2 codes: a rule with any of them was written for Python 2 (spec §1.5). */
export const python2Codes = new Set(['RL110', 'RL111', 'RL112']);
//# sourceMappingURL=problems.js.map