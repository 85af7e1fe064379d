// Receipt images in a local directory. Writes go to a temporary file first and are renamed into place,
// so a crash never leaves half an image under a real key. Only the service's user may read them: files
// 0600, directories 0700 (whatever the umask).
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { assertValidKey, notFound, type Storage, unavailable } from './storage.ts';
import { webStreamOf } from './web-stream.ts';

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

export function createLocalStorage(root: string): Storage {
  const pathOf = (key: string) => {
    assertValidKey(key);
    return join(root, key);
  };

  return {
    kind: 'local',
    async put(key, bytes) {
      const path = pathOf(key);
      try {
        await mkdir(dirname(path), { recursive: true, mode: 0o700 });
        const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
        await writeFile(temporary, bytes, { flush: true, mode: 0o600 });
        await rename(temporary, path);
      } catch (error) {
        throw unavailable(`writing ${key}`, error);
      }
    },
    async get(key) {
      const path = pathOf(key);
      try {
        return await readFile(path);
      } catch (error) {
        throw isMissing(error) ? notFound(key, error) : unavailable(`reading ${key}`, error);
      }
    },
    async stream(key) {
      const path = pathOf(key);
      try {
        const { size } = await stat(path);
        return { body: webStreamOf(createReadStream(path)), size };
      } catch (error) {
        throw isMissing(error) ? notFound(key, error) : unavailable(`reading ${key}`, error);
      }
    },
    async exists(key) {
      const path = pathOf(key);
      try {
        await access(path);
        return true;
      } catch (error) {
        if (isMissing(error)) return false;
        throw unavailable(`checking ${key}`, error);
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
    async check() {
      try {
        await mkdir(root, { recursive: true, mode: 0o700 });
        const probe = join(root, `.ready-${randomBytes(6).toString('hex')}`);
        await writeFile(probe, '');
        await rm(probe);
      } catch (error) {
        throw unavailable(`storage directory ${root}`, error);
      }
    },
  };
}
