/**
 * A task the gateway runs in the background (the webhook worker, the settlement scheduler): on
 * start, every `everyMs` and whenever it is kicked, never two runs at once. A kick during a run
 * calls `onBusy` instead (the webhook worker then goes round once more). The timer does not keep
 * the process alive; `stop` waits for the run in progress.
 */
export const startBackgroundTask = ({
  everyMs,
  run,
  onError,
  onBusy,
}: {
  everyMs: number;
  run: () => Promise<void>;
  onError: (err: unknown) => void;
  onBusy?: () => void;
}) => {
  let running: Promise<void> | null = null;

  const kick = () => {
    if (running) {
      onBusy?.();
      return;
    }
    running = run()
      .catch(onError)
      .finally(() => {
        running = null;
      });
  };

  const idle = async () => {
    while (running) await running;
  };

  const timer = setInterval(kick, everyMs);
  timer.unref();
  kick();

  return {
    kick,
    /** Resolves when no run is in progress. */
    idle,
    stop: async () => {
      clearInterval(timer);
      await idle();
    },
  };
};

/** An error's message for a log line. */
export const errorMessage = (err: unknown) => (err instanceof Error ? err.message : String(err));
