/** One item's outcome in a batch. */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface BatcherOptions {
  /** Most items in one batch (the rest wait for the next). */
  maxBatch: number;
  /** Batches running at once; more items queue until one finishes. */
  maxInFlight: number;
  /** Called when the last batch finished and nothing waits (e.g. to forget a per-key batcher). */
  onIdle?: () => void;
}

/**
 * Groups work from concurrent callers ("natural batching"): the first item
 * starts a batch on the next turn of the event loop, so items that arrived
 * together go together; items arriving while the batches in flight run wait
 * and go in the next one. Nothing waits on a timer, so an idle system adds no
 * delay. `run` answers one outcome per item, in order; if it throws, every
 * item of that batch fails with its error.
 */
export class Batcher<T, R> {
  private queue: { item: T; resolve: (value: R) => void; reject: (error: unknown) => void }[] = [];
  private inFlight = 0;
  private inFlightItems = 0;
  private scheduled = false;

  constructor(
    private readonly run: (items: T[]) => Promise<Settled<R>[]>,
    private readonly options: BatcherOptions,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Items submitted and not yet answered (waiting or in a batch in flight). */
  get pending(): number {
    return this.queue.length + this.inFlightItems;
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.options.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight++;
      this.inFlightItems += batch.length;
      this.run(batch.map((b) => b.item))
        .then(
          (outcomes) => {
            batch.forEach((b, i) => {
              const outcome = outcomes[i];
              if (!outcome) b.reject(new Error('batch answered fewer outcomes than items'));
              else if (outcome.ok) b.resolve(outcome.value);
              else b.reject(outcome.error);
            });
          },
          (error: unknown) => {
            for (const b of batch) b.reject(error);
          },
        )
        .finally(() => {
          this.inFlight--;
          this.inFlightItems -= batch.length;
          this.schedule();
          if (this.inFlight === 0 && this.queue.length === 0) this.options.onIdle?.();
        });
    }
  }
}
