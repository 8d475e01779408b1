// The browser's IANA time zone (e.g. "Europe/London"), so the server can show local times.
export function timeZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone ?? null;
}
