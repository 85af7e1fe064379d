import { defineConfig } from 'prisma/config';

// Used by the Prisma CLI only (generate, and migrate on machines that have the native schema engine).
// The app applies migrations itself through the WebAssembly engine: see src/db/migrations.ts.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/ticket_tracker' },
});
