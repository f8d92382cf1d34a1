// Formats a number of seconds for people: 45 → "45s", 125 → "2m 5s", 3725 → "1h 2m 5s".
// Units that are zero are left out; zero itself is "0s". Fractions of a second are dropped.
export function formatDuration(totalSeconds) {
  if (!Number.isFinite(totalSeconds) || totalSeconds < 0) {
    throw new RangeError(`not a duration: ${totalSeconds}`);
  }
  const whole = Math.floor(totalSeconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor(whole / 60);
  const seconds = whole % 60;

  const parts = [];
  if (hours > 0) parts.push(`${hours}h`);
  if (minutes > 0) parts.push(`${minutes}m`);
  if (seconds > 0 || parts.length === 0) parts.push(`${seconds}s`);
  return parts.join(' ');
}
