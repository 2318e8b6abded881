import { describe, expect, it } from "vitest";
import { signAppToken } from "@/lib/webapps/app-access-token";
import { decideAppAccess } from "@/lib/webapps/proxy/app-access-gate";
import type { AppRoute } from "@/lib/webapps/proxy/app-route-cache";

// The access exchange on an app's host answers with a redirect built from the request's path:
// whatever that path looks like, the browser must stay on the app's origin.
const APP_ORIGIN = "http://secret.apps.test";
const route: AppRoute = { id: "secret", status: "running", statusReason: null, hostPort: 1, notebookId: "notebook-1" };

const hostilePaths = [
  "/.//evil.example/",
  "//evil.example/",
  "///evil.example/",
  "/\\evil.example/",
  "/\\\\evil.example/",
  "\\\\evil.example/",
  "/%2F%2Fevil.example/",
  "/%5C%5Cevil.example/",
  "/%2e%2e//evil.example/",
  "/\t/evil.example/",
  "/./\\/evil.example/",
];

describe("the app access exchange", () => {
  it.each(hostilePaths)("open redirect: %j redirects to a path on the app's own origin", async (path) => {
    const token = await signAppToken("access", { appId: "secret", userId: "reader" });
    const decision = await decideAppAccess(
      { route, url: `${path}?a=1&__runnel_access=${token}`, cookie: undefined, host: "secret.apps.test", secure: false },
      async () => true,
    );
    expect(decision.kind).toBe("redirect");
    const location = decision.kind === "redirect" ? decision.location : "";
    expect(location).toMatch(/^\/(?![/\\])/);
    expect(location).not.toContain("__runnel_access");
    expect(new URL(location, APP_ORIGIN).origin).toBe(APP_ORIGIN);
  });

  it("keeps an ordinary path and query as they were", async () => {
    const token = await signAppToken("access", { appId: "secret", userId: "reader" });
    const decision = await decideAppAccess({ route, url: `/page?a=1&__runnel_access=${token}`, cookie: undefined, host: "secret.apps.test", secure: false }, async () => true);
    expect(decision).toMatchObject({ kind: "redirect", location: "/page?a=1" });
  });
});
