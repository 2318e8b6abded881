import { describe, expect, it } from "vitest";
import type { AppRoute } from "./app-route-cache";
import { renderStatusPage, statusPageFor, unreachablePage } from "./status-page";

const route = (status: AppRoute["status"], statusReason: string | null = null): AppRoute => ({ id: "demo", status, statusReason, hostPort: null, notebookId: null });

describe("status pages", () => {
  it("say 404 for an unknown app, 503 while building (and reload), stopped or failed, 502 when unreachable", () => {
    expect(statusPageFor("demo", null)).toMatchObject({ status: 404, retry: false });
    expect(statusPageFor("demo", route("building"))).toMatchObject({ status: 503, retry: true });
    expect(statusPageFor("demo", route("queued"))).toMatchObject({ status: 503, title: "Waiting to build", retry: true });
    expect(statusPageFor("demo", route("stopped"))).toMatchObject({ status: 503, retry: false });
    expect(statusPageFor("demo", route("failed", "exit 1"))).toMatchObject({ status: 503, message: "The app “demo” failed: exit 1." });
    expect(unreachablePage("demo")).toMatchObject({ status: 502, retry: true });
  });

  it("escape what the app's failure reason says", () => {
    const html = renderStatusPage(statusPageFor("demo", route("failed", `<script>alert("x")</script>`)));
    expect(html).not.toContain("<script>");
    expect(html).toContain("&#60;script&#62;alert(&#34;x&#34;)");
  });

  it("reload themselves only when waiting may help", () => {
    expect(renderStatusPage(statusPageFor("demo", route("building")))).toContain('http-equiv="refresh"');
    expect(renderStatusPage(statusPageFor("demo", route("stopped")))).not.toContain("refresh");
  });
});
