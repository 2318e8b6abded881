-- A notebook's title follows its first `#` heading until its author sets one. Notebooks made
-- before this kept whatever title they were given; only the untouched "Untitled notebook" ones
-- start following their heading (at their next save).
ALTER TABLE "Notebook" ADD COLUMN "titleSetByAuthor" BOOLEAN NOT NULL DEFAULT false;
UPDATE "Notebook" SET "titleSetByAuthor" = ("title" <> 'Untitled notebook');

-- Full-text search over title and text (lib/notebooks/search-notebooks.ts uses the same
-- expression, so the planner can use this index). Not expressible in schema.prisma.
CREATE INDEX "Notebook_search_idx" ON "Notebook" USING GIN (to_tsvector('english', "title" || ' ' || "content"));
