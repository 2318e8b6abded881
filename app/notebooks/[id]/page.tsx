import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SiteHeader } from "@/components/site-header";
import { AppError } from "@/lib/http/app-error";
import { getNotebook } from "@/lib/notebooks/get-notebook";
import { publishedOutputsFor } from "@/lib/notebooks/published-outputs";
import { getUserSession } from "@/lib/sessions/user-session";
import type { SessionSummary } from "@/lib/client/run-actions";
import type { PublishedView } from "@/lib/client/published-runs";
import type { NotebookDetail } from "@/lib/notebooks/notebook-detail";
import { requireUser } from "../require-user";
import { NotebookPageClient } from "./page-client";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Notebook · Runnel" };

export default async function NotebookPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser();
  let notebook: NotebookDetail;
  try {
    notebook = await getNotebook(user.id, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  // As the API sends it: dates as strings.
  const published = JSON.parse(JSON.stringify(await publishedOutputsFor({ userId: user.id }, id))) as PublishedView | null;
  // The reader's live session, if any: the page then never asks for one it does not have.
  const session = notebook.permissions.run
    ? await getUserSession(user.id, id).then(
        (found) => JSON.parse(JSON.stringify(found)) as SessionSummary,
        () => null,
      )
    : null;
  return (
    <>
      <SiteHeader user={user} />
      <NotebookPageClient
        key={notebook.id}
        published={published}
        session={session}
        initial={{
          id: notebook.id,
          title: notebook.title,
          titleFollowsHeading: notebook.titleFollowsHeading,
          content: notebook.content,
          version: notebook.version,
          permissions: notebook.permissions,
        }}
      />
    </>
  );
}
