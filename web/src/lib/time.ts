// The server sends instants as ISO UTC strings; people read them in the county's own time.

const TIME_ZONE = 'Asia/Shanghai';

// One fixed numeric layout (2024-05-01 14:30) for both languages: unambiguous in a table and
// identical for zh and en readers. Built once because Intl formatters are costly to create.
const minuteFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const secondFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Format an ISO instant as `YYYY-MM-DD HH:mm[:ss]` in Beijing time; returns the input if unparsable. */
export function formatInstant(iso: string, withSeconds = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts: Record<string, string> = {};
  for (const part of (withSeconds ? secondFormat : minuteFormat).formatToParts(date)) {
    parts[part.type] = part.value;
  }
  const time = `${parts.hour}:${parts.minute}` + (withSeconds ? `:${parts.second}` : '');
  return `${parts.year}-${parts.month}-${parts.day} ${time}`;
}

/** True when an ISO instant lies in the future (e.g. an account lock still in force). */
export function isFuture(iso: string | null | undefined, now: number = Date.now()): boolean {
  if (!iso) return false;
  const t = new Date(iso).getTime();
  return !Number.isNaN(t) && t > now;
}
