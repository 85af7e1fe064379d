import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, safeUrl } from '../src/logger.ts';

describe('logging', () => {
  it('redacts secrets wherever they sit in a logged object', () => {
    let output = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        output += chunk;
        done();
      },
    });
    const logger = createLogger({ destination: sink });
    logger.info({ llm: { apiKey: 'sk-secret-1' }, s3: { secretAccessKey: 'aws-secret-2' }, db: { password: 'pw-3' } });
    expect(output).not.toMatch(/sk-secret-1|aws-secret-2|pw-3/);
    expect(output).toContain('[redacted]');
  });

  it('hides the password in connection URLs', () => {
    expect(safeUrl('postgresql://user:hunter2@db:5432/tt')).toBe('postgresql://user:***@db:5432/tt');
    expect(safeUrl('not a url')).toBe('[unparseable url]');
  });
});
