/**
 * The page's side of the worker: requests as promises, progress as a
 * callback, and `cancel()`, which terminates the worker and starts a fresh
 * one with the last crowd loaded again (results already shown are kept).
 */
import type { CrowdSummary, FeaturesSummary, Request, Response, RunSummary } from './protocol.js';

type Pending = { resolve(r: Response): void; reject(e: Error): void; onMessage?: (r: Response) => void };

/** A request without its id (the client numbers them). */
type Body<T extends Request['type']> = Omit<Extract<Request, { type: T }>, 'id'>;

/** `Omit` over each member of a union. */
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

export class EngineClient {
  #worker: Worker;
  #next = 1;
  readonly #pending = new Map<number, Pending>();
  /** The last load that succeeded, sent again to a restarted worker. */
  #lastLoad: Body<'load-files'> | Body<'load-bundled'> | undefined;
  /** The features loaded for it, sent again after it. */
  #lastFeatures: Body<'load-features'> | undefined;

  constructor() {
    this.#worker = this.#start();
  }

  #start(): Worker {
    const worker = new Worker(new URL('./engine-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<Response>) => {
      const r = event.data;
      const p = this.#pending.get(r.id);
      if (p === undefined) return;
      if (r.type === 'error') {
        this.#pending.delete(r.id);
        p.reject(new Error(r.message));
      } else if (r.type === 'progress' || (r.type === 'result' && p.onMessage !== undefined)) {
        p.onMessage?.(r);
      } else {
        this.#pending.delete(r.id);
        p.resolve(r);
      }
    };
    worker.onerror = (event) => {
      for (const p of this.#pending.values()) p.reject(new Error(event.message || 'the worker failed'));
      this.#pending.clear();
    };
    return worker;
  }

  #send(body: DistributiveOmit<Request, 'id'>, onMessage?: (r: Response) => void): Promise<Response> {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, ...(onMessage !== undefined ? { onMessage } : {}) });
      this.#worker.postMessage({ ...body, id });
    });
  }

  /** Loads labels (and gold) from files or a bundled dataset; on an error the crowd loaded before stays. */
  async load(body: Body<'load-files'> | Body<'load-bundled'>): Promise<CrowdSummary> {
    const r = await this.#send(body);
    if (r.type !== 'loaded') throw new Error(`unexpected answer ${r.type}`);
    this.#lastLoad = body;
    this.#lastFeatures = undefined;
    return r.crowd;
  }

  /** Loads item features for the loaded crowd (and TF.js with them); answers with the models that train on them. */
  async loadFeatures(body: Body<'load-features'>): Promise<FeaturesSummary> {
    const r = await this.#send(body);
    if (r.type !== 'features-loaded') throw new Error(`unexpected answer ${r.type}`);
    this.#lastFeatures = body;
    return r.features;
  }

  /** Runs methods one after the other, reporting each result as it comes. */
  async run(body: Body<'run'>, on: { progress(method: string, index: number, total: number, step?: string): void; result(run: RunSummary): void }): Promise<void> {
    await this.#send(body, (r) => {
      if (r.type === 'progress') on.progress(r.method, r.index, r.total, r.step);
      if (r.type === 'result') on.result(r.run);
    });
  }

  /** A result table as the CLI's CSV. */
  async download(method: string, table: 'labels' | 'workers'): Promise<{ name: string; text: string }> {
    const r = await this.#send({ type: 'download', method, table });
    if (r.type !== 'file') throw new Error(`unexpected answer ${r.type}`);
    return { name: r.name, text: r.text };
  }

  /** A worker's confusion matrix under a method's result. */
  async confusion(method: string, worker: number): Promise<{ matrix: Float64Array; from: 'model' | 'agreement' }> {
    const r = await this.#send({ type: 'confusion', method, worker });
    if (r.type !== 'confusion') throw new Error(`unexpected answer ${r.type}`);
    return { matrix: r.matrix, from: r.from };
  }

  /** Stops whatever runs: the worker is terminated, pending requests fail with "cancelled", and a new worker reloads the crowd. */
  async cancel(): Promise<void> {
    this.#worker.terminate();
    for (const p of this.#pending.values()) p.reject(new Error('cancelled'));
    this.#pending.clear();
    this.#worker = this.#start();
    const features = this.#lastFeatures;
    if (this.#lastLoad !== undefined) await this.load(this.#lastLoad);
    if (features !== undefined) await this.loadFeatures(features);
  }
}
