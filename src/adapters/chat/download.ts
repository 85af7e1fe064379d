// Fetches a file a chat platform hosts, refusing it once it grows past the limit (the announced size
// can be missing or wrong).
import { AppError } from '../../errors.ts';

export function tooLargeMessage(limit: number): string {
  return `That file is too large: I can read files up to ${Math.floor(limit / (1024 * 1024))} MB. Send a photo instead.`;
}

export async function downloadFile(url: string, limit: number, headers: Record<string, string> = {}): Promise<Buffer> {
  const response = await fetch(url, { headers });
  if (!response.ok || !response.body) throw new Error(`file download failed with HTTP ${response.status}`);
  // Slack answers a download without files:read with its HTML sign-in page instead of the file.
  if ((response.headers.get('content-type') ?? '').startsWith('text/html')) {
    throw new Error('the platform sent a web page instead of the file: is the app allowed to read files?');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.length;
    if (size > limit) {
      await response.body.cancel().catch(() => {});
      throw new AppError('too_large', `download exceeded ${limit} bytes`, { userMessage: tooLargeMessage(limit) });
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}
