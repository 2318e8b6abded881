/** "1 R script", "2 R scripts": a count and its noun, in the number the count asks for. */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? singular : plural}`;
}
