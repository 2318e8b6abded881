import { MATCH_END, MATCH_START } from "@/lib/notebooks/search-notebooks";

/** A search result's snippet, its matches marked. The text is shown as text, never as HTML. */
export function SearchSnippet({ snippet }: { snippet: string }) {
  const parts = snippet.split(MATCH_START).flatMap((chunk, index) => {
    if (index === 0) return [{ text: chunk, match: false }];
    const [match = "", rest = ""] = chunk.split(MATCH_END);
    return [
      { text: match, match: true },
      { text: rest, match: false },
    ];
  });
  return (
    // Wrapped, not cut to one line: a phone would cut off the very words that matched.
    <span data-testid="search-snippet" className="block text-sm break-words text-stone-600">
      {parts.map((part, index) => (part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
    </span>
  );
}
