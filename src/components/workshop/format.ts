/** Small formatters the workshop views share. */

/** 12:05, or 1:02:05 past an hour; never negative. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** "just now", "4 min ago", "2 h ago". */
export function formatAgo(ms: number): string {
  if (ms < 45_000) return 'just now';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min ago`;
  return `${Math.round(minutes / 60)} h ago`;
}

/** "Tue 26 Nov, 10:00 – 12:30", in the reader's locale and time zone; null without times. */
export function formatPlanned(startsAt: number | null, endsAt: number | null): string | null {
  const day = { weekday: 'short', day: 'numeric', month: 'short' } as const;
  const time = { hour: '2-digit', minute: '2-digit' } as const;
  const at = (ms: number) => new Date(ms).toLocaleString(undefined, { ...day, ...time });
  if (startsAt !== null && endsAt !== null) {
    const sameDay = new Date(startsAt).toDateString() === new Date(endsAt).toDateString();
    return `${at(startsAt)} – ${sameDay ? new Date(endsAt).toLocaleTimeString(undefined, time) : at(endsAt)}`;
  }
  if (startsAt !== null) return `from ${at(startsAt)}`;
  if (endsAt !== null) return `until ${at(endsAt)}`;
  return null;
}
