import { Batcher, type Settled } from './batcher';

/** A gate a test opens by hand. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe('Batcher', () => {
  test('items submitted together go in one batch; each caller gets its own outcome', async () => {
    const batches: number[][] = [];
    const batcher = new Batcher<number, number>(
      async (items) => {
        batches.push(items);
        return items.map((n): Settled<number> => (n % 2 ? { ok: true, value: n * 10 } : { ok: false, error: n }));
      },
      { maxBatch: 100, maxInFlight: 1 },
    );
    const answers = await Promise.allSettled([1, 2, 3, 4].map((n) => batcher.submit(n)));
    expect(batches).toEqual([[1, 2, 3, 4]]);
    expect(answers).toEqual([
      { status: 'fulfilled', value: 10 },
      { status: 'rejected', reason: 2 },
      { status: 'fulfilled', value: 30 },
      { status: 'rejected', reason: 4 },
    ]);
    expect(batcher.pending).toBe(0);
  });

  test('items arriving while a batch runs wait for it and go together in the next; maxBatch splits', async () => {
    const batches: string[][] = [];
    const first = gate();
    const batcher = new Batcher<string, string>(
      async (items) => {
        batches.push(items);
        if (batches.length === 1) await first.opened;
        return items.map((value) => ({ ok: true, value }));
      },
      { maxBatch: 2, maxInFlight: 1 },
    );
    const a = batcher.submit('a');
    await new Promise((resolve) => setImmediate(resolve));
    const rest = ['b', 'c', 'd'].map((x) => batcher.submit(x));
    expect(batcher.pending).toBe(4);
    expect(batches).toEqual([['a']]);
    first.open();
    await Promise.all([a, ...rest]);
    expect(batches).toEqual([['a'], ['b', 'c'], ['d']]);
  });

  test('a batch that throws fails its own items only; the next batch still runs; onIdle when drained', async () => {
    let calls = 0;
    let idle = 0;
    const batcher = new Batcher<number, number>(
      async (items) => {
        calls++;
        if (calls === 1) throw new Error('down');
        return items.map((value) => ({ ok: true, value }));
      },
      { maxBatch: 10, maxInFlight: 1, onIdle: () => idle++ },
    );
    const failed = batcher.submit(1);
    await expect(failed).rejects.toThrow('down');
    await expect(batcher.submit(2)).resolves.toBe(2);
    expect(idle).toBe(2);
  });
});
