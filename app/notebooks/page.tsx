import type { Metadata } from "next";
import Link from "next/link";
import { NewNotebookButton } from "@/components/new-notebook-button";
import { SiteHeader } from "@/components/site-header";
import { listNotebooks } from "@/lib/notebooks/list-notebooks";
import { requireUser } from "./require-user";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Notebooks · Runnel" };

export default async function NotebooksPage() {
  const user = await requireUser();
  const notebooks = await listNotebooks(user.id);
  return (
    <>
      <SiteHeader user={user} />
      <main className="mx-auto max-w-4xl px-6 py-10">
        <div className="flex items-center justify-between">
          <h1 className="text-2xl font-semibold tracking-tight">Notebooks</h1>
          <NewNotebookButton />
        </div>
        {notebooks.length === 0 ? (
          <p className="mt-8 text-stone-600">No notebooks yet. Create one to get started.</p>
        ) : (
          <ul data-testid="notebook-list" className="mt-6 divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white">
            {notebooks.map((notebook) => (
              <li key={notebook.id}>
                <Link href={`/notebooks/${notebook.id}`} className="flex items-baseline justify-between gap-4 px-5 py-3 hover:bg-stone-50">
                  <span className="font-medium">{notebook.title}</span>
                  <span className="text-sm text-stone-500">
                    {notebook.role === "owner" ? "yours" : notebook.owner.name} · updated{" "}
                    <time dateTime={notebook.updatedAt.toISOString()}>{notebook.updatedAt.toISOString().slice(0, 10)}</time>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </main>
    </>
  );
}
