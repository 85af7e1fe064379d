// Shutdown in order: whatever a service or command started is taken down again, newest first.
import type { Logger } from '../logger.ts';

/** Teardown steps run newest first, each one even when an earlier one failed. */
export function createTeardown(logger: Logger) {
  const steps: { name: string; run: () => Promise<void> }[] = [];
  return {
    add(name: string, run: () => Promise<void>) {
      steps.push({ name, run });
    },
    async run() {
      for (const step of steps.splice(0).reverse()) {
        await step
          .run()
          .catch((error: unknown) => logger.error({ err: error, step: step.name }, 'shutdown step failed'));
      }
    },
  };
}
export type Teardown = ReturnType<typeof createTeardown>;

/** Runs a one-shot `work`, then takes down everything it started, whether it succeeded or not. */
export async function withTeardown<T>(logger: Logger, work: (teardown: Teardown) => Promise<T>): Promise<T> {
  const teardown = createTeardown(logger);
  try {
    return await work(teardown);
  } finally {
    await teardown.run();
  }
}
