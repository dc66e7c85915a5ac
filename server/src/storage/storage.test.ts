import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalFileStorage } from './storage';

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

describe('LocalFileStorage', () => {
  let root: string;
  let storage: LocalFileStorage;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'yishi-storage-'));
    storage = new LocalFileStorage(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test('stores, reads back with its content type, and deletes', async () => {
    const data = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    await expect(storage.put('topics/12/photo-1.png', data, 'image/png')).resolves.toEqual({
      key: 'topics/12/photo-1.png',
      size: 7,
      contentType: 'image/png',
    });
    const got = await storage.get('topics/12/photo-1.png');
    expect(got?.object).toEqual({ key: 'topics/12/photo-1.png', size: 7, contentType: 'image/png' });
    expect(await readAll(got!.stream)).toEqual(data);
    await storage.delete('topics/12/photo-1.png');
    expect(await storage.get('topics/12/photo-1.png')).toBeUndefined();
  });

  test('leaves no temporary files behind', async () => {
    await storage.put('a/b.jpg', Buffer.from('x'), 'image/jpeg');
    expect(readdirSync(path.join(root, 'a')).sort()).toEqual(['b.jpg', 'b.jpg.type']);
  });

  test('a missing object is undefined, not an error', async () => {
    expect(await storage.get('nothing/here.png')).toBeUndefined();
  });

  test.each(['../etc/passwd', '/abs/path', 'a/../../b', 'UPPER/case', 'a//b', '', 'x/y.type', 'x/y.tmp'])(
    'refuses the unsafe key %j',
    async (key) => {
      await expect(storage.put(key, Buffer.from('x'), 'text/plain')).rejects.toThrow('Invalid storage key');
      await expect(storage.get(key)).rejects.toThrow('Invalid storage key');
    },
  );
});
