import { clientAddress } from "@/lib/auth/client-address";
import { issueSessionCookie } from "@/lib/auth/issue-session-cookie";
import { logIn } from "@/lib/auth/log-in";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withRoute } from "@/lib/http/with-route";
import { logInSchema } from "./request-schema";

export const POST = withRoute(async (request) => {
  const credentials = logInSchema.parse(await readJsonBody(request));
  const user = await logIn({ ...credentials, clientAddress: clientAddress(request) });
  const cookie = await issueSessionCookie(request, user.id);
  return Response.json({ user }, { headers: { "Set-Cookie": cookie } });
});
