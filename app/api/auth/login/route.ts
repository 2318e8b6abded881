import { z } from "zod";
import { emailSchema, passwordSchema } from "@/lib/auth/account-fields";
import { clientAddress } from "@/lib/auth/client-address";
import { issueSessionCookie } from "@/lib/auth/issue-session-cookie";
import { logIn } from "@/lib/auth/log-in";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withRoute } from "@/lib/http/with-route";

const logInSchema = z.object({ email: emailSchema, password: passwordSchema });

export const POST = withRoute(async (request) => {
  const credentials = logInSchema.parse(await readJsonBody(request));
  const user = await logIn({ ...credentials, clientAddress: clientAddress(request) });
  const cookie = await issueSessionCookie(request, user.id);
  return Response.json({ user }, { headers: { "Set-Cookie": cookie } });
});
