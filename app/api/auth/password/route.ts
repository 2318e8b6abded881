import { changePassword } from "@/lib/auth/change-password";
import { clientAddress } from "@/lib/auth/client-address";
import { renewedSessionCookie } from "@/lib/auth/issue-session-cookie";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withRoute } from "@/lib/http/with-route";
import { changePasswordSchema } from "./request-schema";

// Every session is signed out by the change; the browser that made it gets a fresh cookie.
export const POST = withRoute(
  async (request, { user }) => {
    const passwords = changePasswordSchema.parse(await readJsonBody(request));
    await changePassword({ userId: user.id, ...passwords, clientAddress: clientAddress(request) });
    const cookie = await renewedSessionCookie(request, user.id);
    return Response.json({ user }, { headers: cookie ? { "Set-Cookie": cookie } : undefined });
  },
  { auth: "user" },
);
