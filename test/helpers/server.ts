// Serves a built site on a free loopback port for browser tests.
import type { AddressInfo } from 'node:net';
import { serve } from '../../scripts/serve.ts';

export async function serveSite(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = await serve(root, 0);
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => server.close(() => ok())) };
}
