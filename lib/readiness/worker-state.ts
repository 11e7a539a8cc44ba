/**
 * Whether this process works the job queue, for the readiness check: set when startWorker has
 * registered every queue's handler, cleared when the queue stops (pg-boss's `stopped`). On
 * globalThis, as every other per-process state, so that every chunk of a build sees one.
 */
type TWorkerState = { started: boolean };

const state = globalThis as unknown as { __portalWorkerState?: TWorkerState };

const current = (): TWorkerState => {
  state.__portalWorkerState ??= { started: false };
  return state.__portalWorkerState;
};

export const markWorkerRunning = (running: boolean) => {
  current().started = running;
};

export const isWorkerRunning = () => current().started;
