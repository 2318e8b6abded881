import type { Metadata } from "next";
import Link from "next/link";
import { ImportNotebookButton } from "@/components/import-notebook-button";
import { NewNotebookButton } from "@/components/new-notebook-button";
import { SearchSnippet } from "@/components/search-snippet";
import { SiteHeader } from "@/components/site-header";
import { TeamSwitcher } from "@/components/team-switcher";
import { listNotebooks, type NotebookSummary } from "@/lib/notebooks/list-notebooks";
import { searchNotebooks, type NotebookMatch } from "@/lib/notebooks/search-notebooks";
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

export default async function NotebooksPage({ searchParams }: { searchParams: Promise<{ view?: string; q?: string }> }) {
  const user = await requireUser();
  const [notebooks, teams, { view = "all", q }] = await Promise.all([listNotebooks(user.id), listTeams(user.id), searchParams]);
  const query = typeof q === "string" ? q.trim().slice(0, 200) : "";
  const matches = query ? await searchNotebooks(user.id, query) : null;
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
        <form role="search" action="/notebooks" className="mt-4 flex gap-2">
          <input
            type="search"
            name="q"
            defaultValue={query}
            maxLength={200}
            aria-label="Search notebooks"
            placeholder="Search titles and text"
            data-testid="search-input"
            className="min-w-0 flex-1 rounded-md border border-stone-300 px-3 py-1.5 text-sm"
          />
          <button type="submit" className="rounded-md border border-stone-300 px-3 py-1.5 text-sm hover:bg-stone-100">
            Search
          </button>
        </form>
        {matches ? (
          <SearchResults query={query} matches={matches} userId={user.id} />
        ) : (
          <>
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
                  <NotebookRow key={notebook.id} notebook={notebook} userId={user.id} />
                ))}
              </ul>
            )}
          </section>
        ))}
          </>
        )}
      </main>
    </>
  );
}

function NotebookRow({ notebook, userId }: { notebook: NotebookSummary & { snippet?: string }; userId: string }) {
  return (
    <li>
      <Link href={`/notebooks/${notebook.id}`} className="block px-5 py-3 hover:bg-stone-50">
        <span className="flex items-baseline justify-between gap-4">
          <span className="font-medium">{notebook.title}</span>
          <span className="flex items-baseline gap-3 text-sm text-stone-500">
            <span data-testid="notebook-role" className="rounded-full bg-stone-100 px-2 py-0.5 text-xs text-stone-600">
              {notebook.role}
            </span>
            {notebook.owner.id === userId ? "yours" : notebook.owner.name} · updated{" "}
            <time dateTime={notebook.updatedAt.toISOString()}>{notebook.updatedAt.toISOString().slice(0, 10)}</time>
          </span>
        </span>
        {notebook.snippet && <SearchSnippet snippet={notebook.snippet} />}
      </Link>
    </li>
  );
}

function SearchResults({ query, matches, userId }: { query: string; matches: NotebookMatch[]; userId: string }) {
  return (
    <section data-testid="search-results" className="mt-8">
      <h2 className="mb-2 flex items-baseline gap-3 text-lg font-semibold">
        {matches.length === 0 ? `No notebook matches “${query}”` : `Notebooks matching “${query}”`}
        <Link href="/notebooks" className="text-sm font-normal text-sky-700 underline">
          show all
        </Link>
      </h2>
      {matches.length > 0 && (
        <ul data-testid="notebook-list" className="divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white">
          {matches.map((notebook) => (
            <NotebookRow key={notebook.id} notebook={notebook} userId={userId} />
          ))}
        </ul>
      )}
    </section>
  );
}
