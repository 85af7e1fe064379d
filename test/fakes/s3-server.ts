// A real S3-compatible server (s3rver) on 127.0.0.1, with its data in a temporary directory.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error s3rver ships no types
import S3rver from 's3rver';

export interface FakeS3 {
  endpoint: string;
  /** s3rver accepts these (its default credentials). */
  accessKeyId: string;
  secretAccessKey: string;
  stop(): Promise<void>;
}

export async function startFakeS3({ buckets }: { buckets: string[] }): Promise<FakeS3> {
  const directory = await mkdtemp(join(tmpdir(), 'tt-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const { port } = (await server.run()) as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
