-- A build waiting for a slot (BUILD_MAX_CONCURRENT, BUILD_MAX_CONCURRENT_PER_USER) is shown as
-- queued, not building. (PostgreSQL 12+ allows this inside the migration's transaction.)
ALTER TYPE "AppStatus" ADD VALUE 'queued' BEFORE 'building';
