// The most attempts of one task (`--attempts`, config and front matter `attempts`; the config schema
// and the task file's front matter say 8 too).
export const MAX_ATTEMPTS = 8;
