import { withRoute } from "@/lib/http/with-route";

export const GET = withRoute(async (_request, { user }) => Response.json({ user }), { auth: "user" });
