import type Docker from "dockerode";

/** Pulls an image and waits for the pull to finish; rejects with the engine's reason. */
export async function pullImage(docker: Docker, ref: string): Promise<void> {
  const stream = await docker.pull(ref);
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(stream, (error: Error | null, events: Array<{ error?: string }>) => {
      const failed = events?.find((event) => event.error);
      if (error) reject(error);
      else if (failed) reject(new Error(failed.error));
      else resolve();
    });
  });
}
