const UNITS: Record<string, number> = { "": 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** Parses Docker-style sizes: "512m", "2g", "64k", "1048576". Returns null when malformed. */
export function parseByteSize(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)\s*([bkmg]?)b?$/i.exec(text.trim());
  if (!match) return null;
  const bytes = Math.round(Number(match[1]) * UNITS[match[2]!.toLowerCase()]!);
  return bytes > 0 ? bytes : null;
}

const NAMED = [
  { bytes: 1024 ** 3, name: "GiB" },
  { bytes: 1024 ** 2, name: "MiB" },
  { bytes: 1024, name: "KiB" },
];

/**
 * A size in words, exactly: in the largest unit it is a whole number of ("512 MiB", "64 KiB"),
 * otherwise in bytes ("500,000 bytes"). Never rounded, so a limit reads as the setting says it
 * and a size just past a limit never reads as the limit.
 */
export function describeByteSize(bytes: number): string {
  const unit = NAMED.find((named) => bytes >= named.bytes && bytes % named.bytes === 0);
  if (unit) return `${(bytes / unit.bytes).toLocaleString("en-US")} ${unit.name}`;
  return bytes === 1 ? "1 byte" : `${bytes.toLocaleString("en-US")} bytes`;
}
