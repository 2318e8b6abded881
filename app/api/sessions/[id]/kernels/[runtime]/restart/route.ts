import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { restartKernels } from "@/lib/sessions/kernel-state";

export const POST = withRoute<RouteParams<{ id: string; runtime: string }>>(
  async (_request, { user, params }) => {
    const { id, runtime } = await params;
    const [kernel] = await restartKernels(user.id, id, runtime);
    return Response.json({ kernel }, { status: 202 });
  },
  { auth: "user" },
);
