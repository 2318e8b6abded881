import { z } from "zod";

// What Runnel reads of an nbformat 4 notebook. Other fields are allowed and ignored, as
// Jupyter itself does; a cell's source must be text (a string or a list of strings).
export const IPYNB_MAX_BYTES = 8 * 1024 ** 2;
export const IPYNB_MAX_CELLS = 5000;
export const IPYNB_MAX_DEPTH = 64;

const multiline = z.union([z.string(), z.array(z.string())], { error: "must be a string or a list of strings" });

const output = z.looseObject({
  output_type: z.string(),
  name: z.string().optional(),
  text: multiline.optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});

const cell = z.looseObject({
  cell_type: z.enum(["markdown", "code", "raw"], { error: "must be markdown, code or raw" }),
  source: multiline,
  outputs: z.array(output).optional(),
  attachments: z.record(z.string(), z.unknown()).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

export const ipynbSchema = z.looseObject({
  nbformat: z.literal(4, { error: "must be 4 (Runnel reads nbformat 4 notebooks)" }),
  nbformat_minor: z.number().int().nonnegative().optional(),
  metadata: z
    .looseObject({
      kernelspec: z.looseObject({ name: z.string().optional(), language: z.string().optional() }).optional(),
      language_info: z.looseObject({ name: z.string().optional() }).optional(),
    })
    .optional(),
  cells: z.array(cell).max(IPYNB_MAX_CELLS, `must hold at most ${IPYNB_MAX_CELLS} cells`),
});

export type Ipynb = z.infer<typeof ipynbSchema>;
export type IpynbCell = Ipynb["cells"][number];

export function joinSource(source: string | string[]): string {
  return Array.isArray(source) ? source.join("") : source;
}
