import type { Metadata } from "next";
import Link from "next/link";
import { ImportNotebookButton } from "@/components/import-notebook-button";
import { NewNotebookButton } from "@/components/new-notebook-button";
import { SiteHeader } from "@/components/site-header";
import { TeamSwitcher } from "@/components/team-switcher";
import { listNotebooks, type NotebookSummary } from "@/lib/notebooks/list-notebooks";
import { listTeams } from "@/lib/teams/list-teams";
import { requireUser } from "./require-user";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Notebooks · Runnel" };

type Group = { key: string; title: string; href?: string; notebooks: NotebookSummary[] };

/** Personal notebooks first, then one group per team, then those shared with the user. */
function groupNotebooks(userId: string, notebooks: NotebookSummary[], teams: Array<{ id: string; name: string }>): Group[] {
  const groups: Group[] = [{ key: "personal", title: "Personal", notebooks: [] }];
  for (const team of teams) groups.push({ key: team.id, title: team.name, href: `/teams/${team.id}`, notebooks: [] });
  const shared: Group = { key: "shared", title: "Shared with me", notebooks: [] };
  for (const notebook of notebooks) {
    const group = notebook.team
      ? groups.find((candidate) => candidate.key === notebook.team!.id)
      : notebook.owner.id === userId
        ? groups[0]
        : undefined;
    // A team notebook of a team the user is not in reached them by a share.
    (group ?? shared).notebooks.push(notebook);
  }
  return [...groups, shared];
}

export default async function NotebooksPage({ searchParams }: { searchParams: Promise<{ view?: string }> }) {
  const user = await requireUser();
  const [notebooks, teams, { view = "all" }] = await Promise.all([listNotebooks(user.id), listTeams(user.id), searchParams]);
  const groups = groupNotebooks(user.id, notebooks, teams).filter(
    (group) => (view === "all" || view === group.key) && (group.notebooks.length > 0 || group.href),
  );
  return (
    <>
      <SiteHeader user={user} />
      <main className="mx-auto max-w-4xl px-6 py-10">
        <div className="flex items-center justify-between">
          <h1 className="text-2xl font-semibold tracking-tight">Notebooks</h1>
          <div className="flex items-center gap-3">
            <ImportNotebookButton />
            <NewNotebookButton />
          </div>
        </div>
        <div className="mt-4">
          <TeamSwitcher teams={teams} current={view} />
        </div>
        {notebooks.length === 0 && <p className="mt-8 text-stone-600">No notebooks yet. Create one to get started.</p>}
        {groups.map((group) => (
          <section key={group.key} data-testid={`notebook-group-${group.key}`} className="mt-8">
            <h2 className="mb-2 flex items-baseline gap-3 text-lg font-semibold">
              {group.title}
              {group.href && (
                <Link href={group.href} className="text-sm font-normal text-sky-700 underline">
                  members
                </Link>
              )}
            </h2>
            {group.notebooks.length === 0 ? (
              <p className="text-sm text-stone-500">No notebooks here yet.</p>
            ) : (
              <ul data-testid="notebook-list" className="divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white">
                {group.notebooks.map((notebook) => (
                  <li key={notebook.id}>
                    <Link href={`/notebooks/${notebook.id}`} className="flex items-baseline justify-between gap-4 px-5 py-3 hover:bg-stone-50">
                      <span className="font-medium">{notebook.title}</span>
                      <span className="flex items-baseline gap-3 text-sm text-stone-500">
                        <span data-testid="notebook-role" className="rounded-full bg-stone-100 px-2 py-0.5 text-xs text-stone-600">
                          {notebook.role}
                        </span>
                        {notebook.owner.id === user.id ? "yours" : notebook.owner.name} · updated{" "}
                        <time dateTime={notebook.updatedAt.toISOString()}>{notebook.updatedAt.toISOString().slice(0, 10)}</time>
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
      </main>
    </>
  );
}
