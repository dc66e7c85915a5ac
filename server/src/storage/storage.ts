import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** What the storage knows about a stored file. */
export interface StoredObject {
  key: string;
  size: number;
  contentType: string;
}

/**
 * Where uploads live. Features only see this interface, so an S3-compatible
 * store (MinIO, COS, OSS) can replace the local folder without touching them.
 * Keys are opaque relative paths chosen by the server (never by the client).
 */
export interface FileStorage {
  put(key: string, data: Buffer, contentType: string): Promise<StoredObject>;
  /** A readable stream and its metadata, or undefined when there is no such object. */
  get(key: string): Promise<{ object: StoredObject; stream: Readable } | undefined>;
  delete(key: string): Promise<void>;
}

const KEY_PATTERN = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_.-]*)*$/;

export function assertValidKey(key: string): void {
  if (!KEY_PATTERN.test(key) || key.includes('..') || /\.(type|tmp)$/.test(key) || key.length > 200) {
    throw new Error(`Invalid storage key: ${JSON.stringify(key)}`);
  }
}

/**
 * Files under a local folder (by default `$YISHI_DATA_DIR/uploads`, outside
 * the web root). The content type is kept in a sidecar `.type` file. Writes
 * go to a temporary file first and are renamed into place, so a reader never
 * sees half a file.
 */
export class LocalFileStorage implements FileStorage {
  constructor(private readonly root: string) {}

  async put(key: string, data: Buffer, contentType: string): Promise<StoredObject> {
    const file = this.pathOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFileSynced(temp, data);
    await writeFileSynced(`${file}.type`, Buffer.from(contentType, 'utf8'));
    await rename(temp, file);
    return { key, size: data.length, contentType };
  }

  async get(key: string): Promise<{ object: StoredObject; stream: Readable } | undefined> {
    const file = this.pathOf(key);
    try {
      const [info, type] = await Promise.all([stat(file), readSmall(`${file}.type`)]);
      return {
        object: { key, size: info.size, contentType: type || 'application/octet-stream' },
        stream: createReadStream(file),
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.pathOf(key);
    await rm(file, { force: true });
    await rm(`${file}.type`, { force: true });
  }

  private pathOf(key: string): string {
    assertValidKey(key);
    return path.join(this.root, ...key.split('/'));
  }
}

async function writeFileSynced(file: string, data: Buffer): Promise<void> {
  const handle = await open(file, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function readSmall(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    return (await handle.readFile('utf8')).trim();
  } finally {
    await handle.close();
  }
}
