import { z } from "zod";
import { describeByteSize } from "@/lib/config/byte-size";
import type { Settings } from "@/lib/config/settings";
import { AppError } from "@/lib/http/app-error";
import { readCappedForm } from "@/lib/http/read-capped-form";
import { assertStorableField } from "@/lib/http/storable-input";
import { APP_TYPES } from "@/lib/notebook/types";
import type { CreateAppInput } from "@/lib/webapps/create-app";
import { validateGitBranch, validateGitUrl } from "@/lib/webapps/source/git-url";

// The seed's multipart form: id, name, app_type, git_url, git_branch, port, env, code.
export const createAppFieldsSchema = z.object({
  id: z.string({ error: "id is required." }).min(1, "id is required."),
  name: z.string().trim().min(1).max(200).optional(),
  app_type: z.enum(APP_TYPES, { error: `app_type must be one of ${APP_TYPES.join(", ")}.` }).default("gradio"),
  git_url: z.string().optional(),
  git_branch: z.string().default("main"),
  port: z.coerce.number({ error: "port must be a number." }).int().min(1).max(65535).default(7860),
  env: z.string().default("{}"),
});

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const envObject = z.record(
  z.string().regex(ENV_NAME, "env names are letters, digits and '_'."),
  z.union([z.string(), z.number(), z.boolean()]).transform(String),
);

function parseEnv(text: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "env must be a JSON object, like {\"KEY\": \"value\"}.");
  }
  const parsed = envObject.safeParse(value);
  if (!parsed.success) throw new AppError("bad_request", `env must be a JSON object of names to values (${parsed.error.issues[0]?.message}).`);
  return parsed.data;
}

function text(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" && value !== "" ? assertStorableField(value, name) : undefined;
}

/** The create form as CreateAppInput (the zip read into memory, capped); a sentence when it is wrong. */
export async function parseCreateAppRequest(request: Request, settings: Settings): Promise<Omit<CreateAppInput, "ownerId">> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > settings.APP_MAX_UPLOAD_BYTES + 64 * 1024) throw tooLarge(settings);
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    throw new AppError("bad_request", "Send the app as multipart/form-data (id, name, app_type, git_url or code, …).");
  }
  const form = await readCappedForm(request, settings.APP_MAX_UPLOAD_BYTES + 64 * 1024, tooLarge(settings)).catch((error: unknown) => {
    if (error instanceof AppError) throw error;
    throw new AppError("bad_request", "The multipart form could not be read.");
  });
  const input = createAppFieldsSchema.parse(Object.fromEntries(["id", "name", "app_type", "git_url", "git_branch", "port", "env"].flatMap((name) => {
    const value = text(form, name);
    return value === undefined ? [] : [[name, value]];
  })));
  const code = form.get("code");
  const zip = code instanceof Blob && code.size > 0 ? code : undefined;
  if (zip && input.git_url) throw new AppError("bad_request", "Send either git_url or code, not both.");
  if (!zip && !input.git_url) throw new AppError("bad_request", "Send git_url or a code zip.");
  if (zip && zip.size > settings.APP_MAX_UPLOAD_BYTES) throw tooLarge(settings);
  const source = zip
    ? { kind: "zip" as const, zip: Buffer.from(await zip.arrayBuffer()) }
    : {
        kind: "git" as const,
        url: validateGitUrl(input.git_url!, { allowFile: settings.ALLOW_FILE_GIT_URLS }),
        branch: validateGitBranch(input.git_branch),
      };
  return { id: input.id, name: input.name ?? input.id, appType: input.app_type, port: input.port, env: parseEnv(input.env), source };
}

function tooLarge(settings: Settings) {
  return new AppError("payload_too_large", `The upload is larger than ${describeByteSize(settings.APP_MAX_UPLOAD_BYTES)} (APP_MAX_UPLOAD_BYTES).`);
}
