import type { Server } from 'node:http';

/** Serves `root` as plain static files on 127.0.0.1 (port 0: one the system picks); resolves to its URL and the server. */
export function serveStatic(root: string, port?: number): Promise<{ url: string; server: Server }>;
