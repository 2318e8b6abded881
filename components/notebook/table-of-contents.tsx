import type { OutlineHeading } from "@/lib/notebook/outline";

/** Below this many headings a notebook is short enough to need no contents. */
export const MIN_HEADINGS_FOR_CONTENTS = 3;

/** The notebook's headings as links to them (NotebookMarkdown gives each heading its slug as id). */
export function TableOfContents({ outline }: { outline: OutlineHeading[] }) {
  if (outline.length < MIN_HEADINGS_FOR_CONTENTS) return null;
  const top = Math.min(...outline.map((heading) => heading.depth));
  return (
    <nav aria-label="Contents" data-testid="table-of-contents" className="mt-6 rounded-lg border border-stone-200 bg-white px-4 py-3 text-sm">
      <details open>
        <summary className="cursor-pointer font-medium">Contents</summary>
        <ol className="mt-2 space-y-1">
          {outline.map((heading) => (
            <li key={heading.slug} style={{ paddingLeft: `${(heading.depth - top) * 1}rem` }}>
              <a href={`#${heading.slug}`} className="text-sky-700 hover:underline">
                {heading.text}
              </a>
            </li>
          ))}
        </ol>
      </details>
    </nav>
  );
}
