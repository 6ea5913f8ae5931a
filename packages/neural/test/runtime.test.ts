import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { Rng } from '@crowdlearn/core-matrix';
import { currentBackend, initBackend, selectRows } from '../src/index.js';

describe('backend selection', () => {
  it('uses wasm by default here (tfjs-node cannot be installed) and says why node was skipped', async () => {
    const info = await initBackend();
    expect(info.name).toBe('wasm');
    expect(info.wasmMatMulFix).toBe(true);
    expect(info.skipped.map((s) => s.name)).toEqual(['node']);
    expect(currentBackend()).toBe(info);
  });

  it('rejects an unknown CROWDLEARN_BACKEND', async () => {
    process.env.CROWDLEARN_BACKEND = 'gpu';
    try {
      await expect(initBackend()).rejects.toThrow(/CROWDLEARN_BACKEND names an unknown backend/);
    } finally {
      delete process.env.CROWDLEARN_BACKEND;
    }
  });
});

describe('kernels on wasm agree with cpu', () => {
  const shapes: [string, number[], number[], boolean, boolean][] = [
    ['2-D, transposeA', [5, 3], [5, 4], true, false],
    ['2-D, transposeB', [3, 5], [4, 5], false, true],
    ['batched, transposeA', [4, 3, 1], [4, 3, 3], true, false],
    ['batched, both', [4, 3, 1], [4, 3, 3], true, true],
    ['batched, plain (one product per matrix)', [3, 4, 5], [3, 5, 2], false, false],
    ['batch times one matrix', [3, 4, 5], [5, 2], false, false],
    ['one matrix times a batch, transposeB', [4, 5], [3, 2, 5], false, true],
    ['batch of one broadcast', [1, 4, 5], [3, 5, 2], false, false],
    ['rank 4', [2, 3, 4, 5], [2, 3, 5, 2], false, false],
    ['broadcast on both sides (original kernel)', [2, 1, 4, 5], [1, 3, 5, 2], false, false],
  ];

  it('matMul with transposed operands (the BatchMatMul fix)', async () => {
    const run = async (backend: 'cpu' | 'wasm') => {
      await initBackend({ backend });
      return shapes.map(([, sa, sb, ta, tb]) =>
        tf.tidy(() => {
          const a = tf.tensor(Float32Array.from({ length: sa.reduce((x, y) => x * y) }, (_, i) => Math.sin(i + 1)), sa);
          const b = tf.tensor(Float32Array.from({ length: sb.reduce((x, y) => x * y) }, (_, i) => Math.cos(i * 0.7)), sb);
          return Array.from(tf.matMul(a, b, ta, tb).dataSync());
        }),
      );
    };
    const cpu = await run('cpu');
    const wasm = await run('wasm');
    shapes.forEach(([name], j) => {
      const worst = Math.max(...(cpu[j] as number[]).map((v, i) => Math.abs(v - (wasm[j] as number[])[i]!)));
      expect(worst, name).toBeLessThan(1e-5);
    });
  });

  it('slice, split and unstack (the Slice fix) and the gradient of a batched product', async () => {
    const x = Float32Array.from({ length: 2 * 3 * 4 * 5 }, (_, i) => Math.sin(i * 1.3));
    const run = async (backend: 'cpu' | 'wasm') => {
      await initBackend({ backend });
      return tf.tidy(() => {
        const t = tf.tensor(x, [2, 3, 4, 5]);
        const parts: tf.Tensor[] = [
          tf.slice(t, [1, 0, 0, 0], [1, 3, 4, 5]),
          tf.slice(t, [0, 1, 2, 1], [2, 2, 2, 3]),
          tf.slice(t, [0, 0, 0, 4], [2, 3, 4, 1]),
          tf.slice(tf.reshape(t, [120]), [7], [13]),
          tf.slice(t, [1, 2, 0, 0], [1, 1, 4, 5]),
          ...tf.split(t, [1, 3, 1], 3),
          ...tf.split(t, 3, 1),
          ...tf.unstack(t, 2),
          ...tf.unstack(t, 0),
          tf.slice(tf.tensor1d([3, 1, 4], 'int32'), [1], [2]),
        ];
        const a = tf.reshape(tf.slice(t, [0, 0, 0, 0], [2, 3, 4, 2]), [6, 4, 2]);
        const [ga, gb] = tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.sum(tf.square(tf.matMul(p as tf.Tensor3D, q as tf.Tensor3D))))([a, tf.ones([6, 2, 3])]);
        return [...parts, ga!, gb!].map((p) => ({ shape: p.shape, values: Array.from(p.dataSync()) }));
      });
    };
    const cpu = await run('cpu');
    const before = tf.memory().numTensors;
    const wasm = await run('wasm');
    expect(tf.memory().numTensors).toBe(before);
    expect(wasm.map((p) => p.shape)).toEqual(cpu.map((p) => p.shape));
    cpu.forEach((p, j) => p.values.forEach((v, i) => expect(Math.abs(v - wasm[j]!.values[i]!), `part ${j}`).toBeLessThan(1e-5)));
  });

  it('gather along any axis (the Gather fix) equals cpu, and an index out of range is an error', async () => {
    const run = async (backend: 'cpu' | 'wasm') => {
      await initBackend({ backend });
      return tf.tidy(() => {
        const t = tf.tensor3d(Float32Array.from({ length: 4 * 3 * 5 }, (_, i) => Math.sin(i * 0.9)), [4, 3, 5]);
        const idx = tf.tensor1d([3, 0, 3, 1], 'int32');
        const parts = [
          tf.gather(t, idx, 0),
          tf.gather(t, tf.tensor1d([2, 0], 'int32'), 1),
          tf.gather(t, tf.tensor2d([[4, 0], [1, 1]], [2, 2], 'int32'), 2),
          tf.gather(tf.tensor1d([7, 8, 9], 'int32'), tf.tensor1d([2, 2, 0], 'int32')),
          tf.gather(t, tf.tensor1d([], 'int32'), 0),
        ];
        return parts.map((p) => ({ shape: p.shape, values: Array.from(p.dataSync()) }));
      });
    };
    const cpu = await run('cpu');
    const before = tf.memory().numTensors;
    const wasm = await run('wasm');
    expect(tf.memory().numTensors).toBe(before);
    expect(wasm).toEqual(cpu);
    expect(() => tf.tidy(() => tf.gather(tf.ones([3, 2]), tf.tensor1d([0, 3], 'int32')))).toThrow(/index 3 is outside the gathered axis/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gather has a gradient on wasm (the UnsortedSegmentSum kernel), equal to cpu', async () => {
    const run = async (backend: 'cpu' | 'wasm') => {
      await initBackend({ backend });
      return tf.tidy(() => {
        const table = tf.tensor3d(Float32Array.from({ length: 5 * 2 * 3 }, (_, i) => Math.cos(i)), [5, 2, 3]);
        const idx = tf.tensor1d([4, 0, 4, 2, 4], 'int32');
        const weights = tf.tensor3d(Float32Array.from({ length: 5 * 2 * 3 }, (_, i) => i - 7), [5, 2, 3]);
        const [g] = tf.grads((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, idx), weights)))([table]);
        const segments = tf.unsortedSegmentSum(tf.tensor2d([[1, 2], [3, 4], [5, 6]]), tf.tensor1d([2, -1, 2], 'int32'), 3);
        return [Array.from(g!.dataSync()), Array.from(segments.dataSync())];
      });
    };
    const cpu = await run('cpu');
    const wasm = await run('wasm');
    expect(wasm).toEqual(cpu);
    // rows 1 and 3 are never gathered; the out-of-range id -1 is dropped
    expect(cpu[0]!.slice(6, 12)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(cpu[1]).toEqual([0, 0, 0, 0, 6, 8]);
  });

  it('clone shares memory on wasm (the Identity fix): values survive the original, memory goes with the last user', async () => {
    await initBackend({ backend: 'wasm' });
    const backend = tf.backend() as unknown as { numDataIds(): number };
    const before = { tensors: tf.memory().numTensors, buffers: backend.numDataIds() };
    const a = tf.tensor2d([[1, 2, 3], [4, 5, 6]]);
    const b = tf.clone(a);
    expect(backend.numDataIds()).toBe(before.buffers + 1); // one buffer, two tensors
    a.dispose();
    expect(Array.from(b.dataSync())).toEqual([1, 2, 3, 4, 5, 6]);
    b.dispose();
    expect({ tensors: tf.memory().numTensors, buffers: backend.numDataIds() }).toEqual(before);
  });

  it('selectRows equals gather and has a gradient on wasm (its OneHot ignores float32)', async () => {
    await initBackend({ backend: 'wasm' });
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const rng = new Rng(1);
      const table = tf.tensor2d(Float32Array.from({ length: 24 }, () => rng.normal()), [6, 4]);
      const idx = tf.tensor1d([0, 2, 2, 5], 'int32');
      expect(Array.from(selectRows(table, idx).dataSync())).toEqual(Array.from(tf.gather(table, idx).dataSync()));
      const [g] = tf.grads((t: tf.Tensor) => tf.sum(selectRows(t as tf.Tensor2D, idx)))([table]);
      // row 2 is selected twice, rows 1, 3, 4 never
      expect(Array.from(g!.dataSync()).filter((_, j) => Math.floor(j / 4) === 2)).toEqual([2, 2, 2, 2]);
      expect(Array.from(g!.dataSync()).filter((_, j) => Math.floor(j / 4) === 1)).toEqual([0, 0, 0, 0]);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});

it('selectRows works on a one-row table', async () => {
  await initBackend({ backend: 'wasm' });
  tf.tidy(() => {
    const t = tf.tensor2d([[1, 2, 3]]);
    expect(Array.from(selectRows(t, tf.tensor1d([0, 0], 'int32')).dataSync())).toEqual([1, 2, 3, 1, 2, 3]);
  });
});
