-- A run that was in flight when Runnel stopped: marked at the next start-up, never "running" forever.
ALTER TYPE "ExecutionStatus" ADD VALUE 'interrupted';
