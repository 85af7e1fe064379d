// What a fake server was asked, in order, and a way to wait for a call that may still be coming.
export interface CallLog<T extends { method: string }> {
  calls: T[];
  record(call: T): void;
  waitFor(match: (call: T) => boolean, timeoutMs?: number): Promise<T>;
}

export function createCallLog<T extends { method: string }>(): CallLog<T> {
  const calls: T[] = [];
  const waiters = new Set<() => void>();
  return {
    calls,
    record(call) {
      calls.push(call);
      for (const wake of [...waiters]) wake();
    },
    waitFor(match, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = calls.find(match);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching call within ${timeoutMs} ms; calls: ${calls.map((c) => c.method).join(', ')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}
