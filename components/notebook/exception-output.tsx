import type { ExceptionItem } from "@/lib/executions/output-item";
import { AnsiText } from "./ansi-text";

/** An error raised in a kernel: its name and message, then the traceback in the kernel's colours. */
export function ExceptionOutput({ item }: { item: ExceptionItem }) {
  return (
    <div data-testid="exception-output" className="border-l-4 border-red-500 bg-red-950/40">
      <p className="px-3 pt-2 font-semibold text-red-300">
        <span data-testid="exception-name">{item.ename}</span>
        {item.evalue && <span className="font-normal text-red-200">: {item.evalue}</span>}
      </p>
      {item.traceback.length > 0 && (
        <pre className="overflow-x-auto px-3 py-2 whitespace-pre">
          <AnsiText text={item.traceback.join("\n")} />
        </pre>
      )}
    </div>
  );
}
