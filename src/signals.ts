// Graceful shutdown on SIGINT and SIGTERM. Our own listeners are marked, so that code removing a
// library's exit hooks (see db/embedded.ts) never removes them too.
import type { Logger } from './logger.ts';

const ownListeners = new WeakSet<(...args: never[]) => unknown>();

export function isOwnSignalListener(listener: (...args: never[]) => unknown): boolean {
  return ownListeners.has(listener);
}

/** Stops the service on SIGINT or SIGTERM; a second signal exits at once. */
export function stopOnSignals(service: { stop(): Promise<void> }, logger: Logger): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal, exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  ownListeners.add(onSignal);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
