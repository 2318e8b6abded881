"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { frameHeightOf, htmlFrameDocument } from "@/lib/client/html-frame-document";

// A frame may ask for any height; past this it scrolls inside.
const MAX_HEIGHT_PX = 1200;

/**
 * HTML a block displayed, in an iframe with an opaque origin: `allow-scripts` without
 * `allow-same-origin`, so its scripts run but can never reach this page's DOM, cookies or
 * storage, nor navigate it, open windows or submit forms. Its height follows its content through
 * postMessage, believed only from this frame and bounded.
 */
export function HtmlOutputFrame({ html }: { html: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(48);
  const srcDoc = useMemo(() => htmlFrameDocument(html), [html]);
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (event.source !== frame.current?.contentWindow || event.origin !== "null") return;
      const asked = frameHeightOf(event.data, MAX_HEIGHT_PX);
      if (asked !== undefined) setHeight(asked);
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, []);
  return (
    <iframe
      ref={frame}
      data-testid="html-output"
      title="HTML output"
      sandbox="allow-scripts"
      srcDoc={srcDoc}
      referrerPolicy="no-referrer"
      style={{ height }}
      className="block w-full rounded border-0 bg-white"
    />
  );
}
