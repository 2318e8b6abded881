import { clientAddress } from "@/lib/auth/client-address";
import { issueSessionCookie } from "@/lib/auth/issue-session-cookie";
import { signUp } from "@/lib/auth/sign-up";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withRoute } from "@/lib/http/with-route";
import { signUpSchema } from "./request-schema";

export const POST = withRoute(async (request) => {
  const user = await signUp({ ...signUpSchema.parse(await readJsonBody(request)), clientAddress: clientAddress(request) });
  const cookie = await issueSessionCookie(request, user.id);
  return Response.json({ user }, { status: 201, headers: { "Set-Cookie": cookie } });
});
