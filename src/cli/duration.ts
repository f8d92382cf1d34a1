// Parses durations like `90s`, `5m`, `1h30m`, `1500ms`; a bare number is seconds.
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  let rest = trimmed;
  const part = /^(\d+(?:\.\d+)?)(ms|s|m|h)/;
  while (rest.length > 0) {
    const match = part.exec(rest);
    if (!match) throw new Error(`invalid duration "${text}"; expected e.g. 90s, 5m, 1h30m or 1500ms`);
    total += Number(match[1]) * (units[match[2] as string] ?? 0);
    rest = rest.slice(match[0].length);
  }
  if (total <= 0) throw new Error(`invalid duration "${text}"; it must be more than zero`);
  return Math.round(total);
}

const AGE_UNITS: Record<string, number> = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** Parses an age like `12h`, `7d`, `2w` (hours, days, weeks; `0d` is "any age") into milliseconds. */
export function parseAge(text: string): number {
  const match = /^(\d+)(h|d|w)$/.exec(text.trim());
  if (!match) throw new Error(`invalid age "${text}"; expected a whole number of hours, days or weeks, e.g. 12h, 7d, 2w`);
  return Number(match[1]) * (AGE_UNITS[match[2] as string] ?? 0);
}
