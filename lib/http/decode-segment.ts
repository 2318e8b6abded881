// Next hands dynamic segments over percent-encoded or not depending on the path taken; a name
// that does not decode is used as it is (and is then simply not found).
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
