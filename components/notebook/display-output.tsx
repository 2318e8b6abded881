import Markdown from "react-markdown";
import remarkGfm from "remark-gfm";
import type { DisplayItem } from "@/lib/executions/output-item";
import { AnsiText } from "./ansi-text";
import { HtmlOutputFrame } from "./html-output-frame";
import { JsonOutput } from "./json-output";

// What a bundle is shown as, richest first (JupyterLab's order, less what Runnel does not render).
const PREFERENCE = ["text/html", "text/markdown", "image/svg+xml", "image/png", "image/jpeg", "application/json", "text/plain"] as const;
type Shown = (typeof PREFERENCE)[number];

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;
const REMARK_PLUGINS = [remarkGfm];
const MARKDOWN = "[&_a]:text-sky-700 [&_a]:underline [&_h1]:text-xl [&_h1]:font-semibold [&_h2]:text-lg [&_h2]:font-semibold [&_p]:my-2 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:list-decimal [&_ol]:pl-6 [&_table]:border-collapse [&_td]:border [&_td]:px-2 [&_th]:border [&_th]:px-2";

/** The MIME type a bundle is shown as: the first of PREFERENCE it holds in a usable form. */
function chosen(data: DisplayItem["data"]): Shown | undefined {
  return PREFERENCE.find((mime) => {
    const value = data[mime];
    if (mime === "application/json") return value !== undefined;
    if (typeof value !== "string") return false;
    return mime === "image/png" || mime === "image/jpeg" ? BASE64.test(value) : true;
  });
}

/** One rich output (display_data, execute_result) drawn from its bundle; nothing in it is trusted. */
export function DisplayOutput({ item }: { item: DisplayItem }) {
  const mime = chosen(item.data);
  const value = mime ? item.data[mime] : undefined;
  const alt = typeof item.data["text/plain"] === "string" ? (item.data["text/plain"] as string).slice(0, 200) : "Image output";
  switch (mime) {
    case "text/html":
      return <HtmlOutputFrame html={value as string} />;
    case "text/markdown":
      // react-markdown shows raw HTML as text and drops javascript: links; no rehype-raw here, on purpose.
      return (
        <div data-testid="markdown-output" className={`p-2 ${MARKDOWN}`}>
          <Markdown remarkPlugins={REMARK_PLUGINS}>{value as string}</Markdown>
        </div>
      );
    case "image/svg+xml":
      // As an image, never as DOM: an SVG's scripts and links do nothing in an <img>.
      // eslint-disable-next-line @next/next/no-img-element -- user output, not an optimisable asset
      return <img data-testid="image-output" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(value as string)}`} alt={alt} className="max-w-full" />;
    case "image/png":
    case "image/jpeg":
      // eslint-disable-next-line @next/next/no-img-element -- user output, not an optimisable asset
      return <img data-testid="image-output" src={`data:${mime};base64,${(value as string).replace(/\s/g, "")}`} alt={alt} className="max-w-full" />;
    case "application/json":
      return <JsonOutput value={value} />;
    case "text/plain":
      return (
        <pre className="p-1 whitespace-pre-wrap">
          <AnsiText text={value as string} />
        </pre>
      );
    default:
      return <p className="p-1 text-stone-500">An output of a kind this page cannot show ({Object.keys(item.data).slice(0, 3).join(", ") || "empty"}).</p>;
  }
}
