import { renewedSessionCookie } from "@/lib/auth/issue-session-cookie";
import { clearedSessionCookie, isHttpsRequest } from "@/lib/auth/session-cookie";
import { signOutEverywhere } from "@/lib/auth/sign-out-everywhere";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withRoute } from "@/lib/http/with-route";
import { logOutEverywhereSchema } from "./request-schema";

export const POST = withRoute(
  async (request, { user }) => {
    const { keepCurrent } = logOutEverywhereSchema.parse(await readJsonBody(request));
    await signOutEverywhere(user.id);
    const cookie = (keepCurrent && (await renewedSessionCookie(request, user.id))) || clearedSessionCookie({ secure: isHttpsRequest(request) });
    return new Response(null, { status: 204, headers: { "Set-Cookie": cookie } });
  },
  { auth: "user" },
);
