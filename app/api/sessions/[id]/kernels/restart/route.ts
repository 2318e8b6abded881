import { withRoute, type RouteParams } from "@/lib/http/with-route";
import { restartKernels } from "@/lib/sessions/kernel-state";

export const POST = withRoute<RouteParams<{ id: string }>>(
  async (_request, { user, params }) => {
    const kernels = await restartKernels(user.id, (await params).id);
    return Response.json({ kernels }, { status: 202 });
  },
  { auth: "user" },
);
