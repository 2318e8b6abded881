import { AppError } from "./app-error";

/** The form, read with a byte cap that holds whether or not the client declared a Content-Length. */
export async function readCappedForm(request: Request, maxBytes: number, tooLargeError: AppError): Promise<FormData> {
  if (!request.body) return request.formData();
  let received = 0;
  const capped = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (received > maxBytes) controller.error(tooLargeError);
        else controller.enqueue(chunk);
      },
    }),
  );
  try {
    return await new Response(capped, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
  } catch (error) {
    throw received > maxBytes ? tooLargeError : error;
  }
}
