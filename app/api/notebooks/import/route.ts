import { describeByteSize } from "@/lib/config/byte-size";
import { AppError } from "@/lib/http/app-error";
import { readCappedForm } from "@/lib/http/read-capped-form";
import { readJsonBody } from "@/lib/http/read-json-body";
import { parseStorableJson } from "@/lib/http/storable-input";
import { withRoute } from "@/lib/http/with-route";
import { importIpynb } from "@/lib/notebooks/import-ipynb";
import { IPYNB_MAX_BYTES } from "@/lib/notebooks/ipynb-fields";
import { importQuerySchema } from "./request-schema";

const tooLarge = new AppError("payload_too_large", `The notebook file is larger than ${describeByteSize(IPYNB_MAX_BYTES)}.`);

// The .ipynb comes as the JSON body (application/json or application/x-ipynb+json) or as the
// multipart field "file"; options ride in the query so both forms take them the same way.
export const POST = withRoute(
  async (request, { user }) => {
    const query = importQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const ipynb = await readIpynb(request);
    const { notebook, notes } = await importIpynb({
      ownerId: user.id,
      ipynb,
      title: query.title,
      withOutputs: query.outputs === "1",
      teamId: query.teamId,
    });
    return Response.json({ notebook, notes }, { status: 201 });
  },
  { auth: "user" },
);

async function readIpynb(request: Request): Promise<unknown> {
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) return readJsonBody(request, IPYNB_MAX_BYTES);
  if (Number(request.headers.get("content-length")) > IPYNB_MAX_BYTES + 64 * 1024) throw tooLarge;
  const form = await readCappedForm(request, IPYNB_MAX_BYTES + 64 * 1024, tooLarge).catch((error: unknown) => {
    if (error instanceof AppError) throw error;
    throw new AppError("bad_request", "The multipart form could not be read.");
  });
  const file = form.get("file");
  if (!(file instanceof Blob)) throw new AppError("bad_request", 'Send the notebook as the multipart field "file".');
  if (file.size > IPYNB_MAX_BYTES) throw tooLarge;
  const text = await file.text();
  try {
    return parseStorableJson(text);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("bad_request", "The file is not JSON, so it is not a Jupyter notebook (.ipynb).");
  }
}
