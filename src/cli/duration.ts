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
