/** A block's timeout in ms: its `timeout=` attribute (seconds) within 1 s … max, else the default. */
export function blockTimeoutMs(attrs: Record<string, string>, defaultSeconds: number, maxSeconds: number): number {
  const asked = Number(attrs.timeout);
  const seconds = Number.isFinite(asked) && asked > 0 ? Math.min(asked, maxSeconds) : defaultSeconds;
  return Math.max(1, Math.round(seconds * 1000));
}
