import type { Labels } from "../backend";

// Traefik routes by labels and Runnel finds its containers by them; Docker copies an image's
// labels onto every container made from it. So these prefixes are Runnel's alone.
const RESERVED = /^(traefik|runnel)\./i;

/**
 * The reserved labels in `labels` that Runnel did not set itself: any `traefik.*` or `runnel.*`
 * key whose key and value are not exactly one of `own`'s (or of `trusted`'s, the labels of the
 * runtime image an app is built FROM).
 */
export function foreignLabels(labels: Labels | null | undefined, own: Labels, trusted: Labels = {}): string[] {
  return Object.entries(labels ?? {})
    .filter(([key, value]) => RESERVED.test(key) && own[key] !== value && trusted[key] !== value)
    .map(([key]) => key)
    .sort();
}

export function foreignLabelSentence(keys: string[]): string {
  const named = keys.slice(0, 3).join(", ") + (keys.length > 3 ? ` and ${keys.length - 3} more` : "");
  return `The image carries the label ${named}, which only Runnel may set: remove it from the Dockerfile (or from the image it is built FROM).`;
}
