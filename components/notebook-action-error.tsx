/** The sentence a dashboard action (New, Import) failed with, beside its button. */
export function NotebookActionError({ error, testId }: { error: string | null; testId: string }) {
  if (!error) return null;
  return (
    <p role="alert" data-testid={testId} className="text-sm text-red-700">
      {error}
    </p>
  );
}
