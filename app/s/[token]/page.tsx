import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SignedOutHeader } from "@/components/signed-out-header";
import { SiteHeader } from "@/components/site-header";
import { AppError } from "@/lib/http/app-error";
import { getNotebook } from "@/lib/notebooks/get-notebook";
import { publishedOutputsFor } from "@/lib/notebooks/published-outputs";
import { getUserSession } from "@/lib/sessions/user-session";
import type { SessionSummary } from "@/lib/client/run-actions";
import type { PublishedView } from "@/lib/client/published-runs";
import type { NotebookDetail } from "@/lib/notebooks/notebook-detail";
import { resolveShareLink } from "@/lib/sharing/share-links";
import { currentPageUser } from "../../notebooks/require-user";
import { SharedNotebookClient } from "./page-client";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Shared notebook · Runnel", referrer: "no-referrer" };

/** A notebook opened through a share link: read-only, or read-and-run for a signed-in holder of a run link. */
export default async function SharedNotebookPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await currentPageUser();
  const link = await resolveShareLink(token);
  if (!link) notFound();
  let notebook: NotebookDetail;
  try {
    // The same decision as every route: the link, and whatever else this user may already hold.
    notebook = await getNotebook(user?.id ?? null, link.notebook.id, token);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  const published = JSON.parse(JSON.stringify(await publishedOutputsFor({ userId: user?.id ?? null, linkToken: token }, notebook.id))) as PublishedView | null;
  const session =
    user && notebook.permissions.run
      ? await getUserSession(user.id, notebook.id, token).then(
          (found) => JSON.parse(JSON.stringify(found)) as SessionSummary,
          () => null,
        )
      : null;
  // Signing in (or up) from here comes back here.
  const signIn = `/login?next=${encodeURIComponent(`/s/${token}`)}`;
  return (
    <>
      {user ? <SiteHeader user={user} /> : <SignedOutHeader signInHref={signIn} />}
      <SharedNotebookClient
        token={token}
        notebook={{ id: notebook.id, title: notebook.title, content: notebook.content, version: notebook.version, role: notebook.role }}
        canRun={notebook.permissions.run}
        runNeedsSignIn={!user && link.access === "run"}
        signInHref={signIn}
        published={published}
        session={session}
      />
    </>
  );
}
