// The exit codes of SPEC §2, in one place: every front returns one of these, and every error that
// decides one carries it (errors/hew-error.ts).

export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  provider: 3,
  budget: 4,
  conflict: 5,
  /** The run cannot be done safely here: no usable sandbox and no `-s danger-full-access` (SPEC §9). */
  unsafe: 6,
  interrupted: 130,
} as const;
