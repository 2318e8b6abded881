"use client";

import { memo, useMemo, type ReactNode } from "react";
import Markdown, { type Components } from "react-markdown";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import { readNotebookSettings } from "@/lib/notebook/front-matter";
import { notebookOutline } from "@/lib/notebook/outline";
import { parseNotebook, type NotebookBlock } from "@/lib/notebook/parse-notebook";
import { NotebookBlockView } from "./notebook-block";

// No typography plugin in this app: the Markdown elements are styled from the article down.
const PROSE = [
  "mt-6 leading-relaxed [&_:is(h1,h2,h3,h4,h5,h6)]:scroll-mt-4",
  "[&_h1]:mt-8 [&_h1]:mb-3 [&_h1]:text-3xl [&_h1]:font-semibold",
  "[&_h2]:mt-7 [&_h2]:mb-2 [&_h2]:text-2xl [&_h2]:font-semibold",
  "[&_h3]:mt-6 [&_h3]:mb-2 [&_h3]:text-xl [&_h3]:font-semibold",
  "[&_p]:my-3 [&_ul]:my-3 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:my-3 [&_ol]:list-decimal [&_ol]:pl-6",
  "[&_a]:text-sky-700 [&_a]:underline [&_blockquote]:border-l-4 [&_blockquote]:border-stone-300 [&_blockquote]:pl-4 [&_blockquote]:text-stone-600",
  "[&_:not(pre)>code]:rounded [&_:not(pre)>code]:bg-stone-200 [&_:not(pre)>code]:px-1 [&_:not(pre)>code]:text-[0.9em]",
  "break-words [&_table]:my-4 [&_table]:block [&_table]:max-w-full [&_table]:overflow-x-auto [&_table]:border-collapse [&_td]:border [&_td]:border-stone-300 [&_td]:px-2 [&_th]:border [&_th]:border-stone-300 [&_th]:px-2",
].join(" ");

// Front matter (the notebook's settings) is shown in the header, not drawn as Markdown.
const REMARK_PLUGINS = [[remarkFrontmatter, ["yaml"]], remarkGfm] as const satisfies Parameters<typeof Markdown>[0]["remarkPlugins"];

type Props = {
  notebookId: string;
  content: string;
  /** Runs a block; absent for readers who may not run (no Run buttons then). */
  onRun?: (block: NotebookBlock) => void;
  canManageApps: boolean;
  /** False until the page may ask for its apps (a link page first keeps the link in a cookie). */
  appsReady?: boolean;
};

/**
 * The notebook's Markdown, with runnable, file and webapp fences drawn as blocks. Raw HTML in
 * the Markdown is shown as text, never executed: react-markdown's default, kept on purpose.
 */
export const NotebookMarkdown = memo(function NotebookMarkdown({ notebookId, content, onRun, canManageApps, appsReady = true }: Props) {
  const components = useMemo<Components>(() => {
    // Both sides parse the same text with remark-parse + remark-gfm, so a fence's first line
    // identifies its block: the same numbering as "the n-th block fence in document order".
    const { state } = readNotebookSettings(content);
    const blocks = parseNotebook(content);
    const byLine = new Map<number, NotebookBlock>();
    for (const block of blocks) {
      if (block.position) byLine.set(block.position.startLine, block);
    }
    // Headings get the outline's slugs as ids, so the table of contents and #links reach them.
    const slugByLine = new Map(notebookOutline(content).map((heading) => [heading.line, heading.slug]));
    const heading = (Tag: "h1" | "h2" | "h3" | "h4" | "h5" | "h6"): Components["h1"] =>
      function Heading({ node, children }) {
        const line = node?.position?.start.line;
        return <Tag id={line === undefined ? undefined : slugByLine.get(line)}>{children}</Tag>;
      };
    return {
      h1: heading("h1"),
      h2: heading("h2"),
      h3: heading("h3"),
      h4: heading("h4"),
      h5: heading("h5"),
      h6: heading("h6"),
      pre({ node, children }): ReactNode {
        const line = node?.position?.start.line;
        const block = line === undefined ? undefined : byLine.get(line);
        if (block) return <NotebookBlockView block={block} blocks={blocks} state={state} notebookId={notebookId} onRun={onRun} canManageApps={canManageApps} appsReady={appsReady} />;
        return <pre className="my-4 overflow-x-auto rounded-lg bg-stone-100 p-4 text-sm">{children}</pre>;
      },
    };
  }, [notebookId, content, onRun, canManageApps, appsReady]);

  return (
    <article className={PROSE}>
      <Markdown remarkPlugins={REMARK_PLUGINS} components={components}>
        {content}
      </Markdown>
    </article>
  );
});
