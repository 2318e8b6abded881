import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SiteHeader } from "@/components/site-header";
import { AppError } from "@/lib/http/app-error";
import { getTeam, type TeamDetail } from "@/lib/teams/get-team";
import { requireUser } from "../../notebooks/require-user";
import { TeamPageClient } from "./page-client";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Team · Runnel" };

export default async function TeamPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser();
  let team: TeamDetail;
  try {
    team = await getTeam(user.id, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  return (
    <>
      <SiteHeader user={user} />
      <main className="mx-auto max-w-4xl px-6 py-10">
        <Link href={`/notebooks?view=${team.id}`} className="text-sm text-sky-700 underline">
          ← {team.name}&rsquo;s notebooks
        </Link>
        <TeamPageClient
          userId={user.id}
          team={{
            id: team.id,
            name: team.name,
            role: team.role,
            notebookCount: team.notebookCount,
            members: team.members.map(({ user: member, role }) => ({ ...member, role })),
          }}
        />
      </main>
    </>
  );
}
