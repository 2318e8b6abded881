import { memo, type CSSProperties } from "react";
import { parseAnsi, type AnsiStyle } from "@/lib/client/ansi";

function cssOf(style: AnsiStyle): CSSProperties | undefined {
  if (Object.keys(style).length === 0) return undefined;
  return {
    color: style.color,
    backgroundColor: style.background,
    fontWeight: style.bold ? 700 : undefined,
    opacity: style.dim ? 0.7 : undefined,
    fontStyle: style.italic ? "italic" : undefined,
    textDecoration: style.underline ? "underline" : undefined,
  };
}

/** Terminal output with its ANSI colours drawn as styled spans and other escapes removed. */
export const AnsiText = memo(function AnsiText({ text }: { text: string }) {
  return parseAnsi(text).map((span, i) => (
    <span key={i} style={cssOf(span.style)}>
      {span.text}
    </span>
  ));
});
