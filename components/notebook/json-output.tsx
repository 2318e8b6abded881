// application/json as a tree: objects and arrays fold open and shut (native <details>), the
// first two levels open. Bounded so a huge value cannot stall the page.
const MAX_DEPTH = 20;
const MAX_ENTRIES = 200;

function JsonValue({ value, depth }: { value: unknown; depth: number }) {
  if (value === null || typeof value !== "object") {
    return <span className={typeof value === "string" ? "text-emerald-700" : "text-sky-700"}>{JSON.stringify(value) ?? String(value)}</span>;
  }
  const entries = Array.isArray(value) ? value.map((item, i) => [String(i), item] as const) : Object.entries(value);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) return <span>{open + close}</span>;
  if (depth >= MAX_DEPTH) return <span className="text-stone-500">{`${open}…${close}`}</span>;
  return (
    <details open={depth < 2} className="inline-block align-top">
      <summary className="cursor-pointer text-stone-500">
        {open} {entries.length} {Array.isArray(value) ? "items" : "keys"} {close}
      </summary>
      <ul className="pl-4">
        {entries.slice(0, MAX_ENTRIES).map(([key, item]) => (
          <li key={key}>
            <span className="text-violet-700">{Array.isArray(value) ? key : JSON.stringify(key)}</span>: <JsonValue value={item} depth={depth + 1} />
          </li>
        ))}
        {entries.length > MAX_ENTRIES && <li className="text-stone-500">… {entries.length - MAX_ENTRIES} more</li>}
      </ul>
    </details>
  );
}

export function JsonOutput({ value }: { value: unknown }) {
  return (
    <div data-testid="json-output" className="overflow-x-auto font-mono text-xs">
      <JsonValue value={value} depth={0} />
    </div>
  );
}
