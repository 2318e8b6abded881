import type { Notebook } from "@prisma/client";
import { readNotebookSettings, type NotebookSettings } from "../notebook/front-matter";
import { parseNotebook, type NotebookBlock } from "../notebook/parse-notebook";
import { permissionsOf, type NotebookPermissions, type NotebookRole } from "../auth/notebook-access";

export type NotebookDetail = {
  id: string;
  title: string;
  /** true while the title follows the first `#` heading (the author has not set one) */
  titleFollowsHeading: boolean;
  content: string;
  blocks: NotebookBlock[];
  /** The front matter's settings (state: shared | isolated), with a sentence when it could not be read. */
  settings: NotebookSettings;
  role: NotebookRole;
  permissions: NotebookPermissions;
  updatedAt: Date;
  version: number;
};

/** A notebook as API.md shows it, with its blocks numbered by the same parser the browser uses. */
export function toNotebookDetail(notebook: Notebook, role: NotebookRole): NotebookDetail {
  const { id, title, content, updatedAt, version } = notebook;
  return {
    id,
    title,
    titleFollowsHeading: !notebook.titleSetByAuthor,
    content,
    blocks: parseNotebook(content),
    settings: readNotebookSettings(content),
    role,
    permissions: permissionsOf(role),
    updatedAt,
    version,
  };
}
