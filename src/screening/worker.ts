/**
 * A worker thread of batch screening: screens the batches the main thread sends (batch.ts) with
 * its own copy of the rulebook, and moves the results and both buffers back (transferred, not copied).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Rulebook } from '../engine/rulebook.ts';
import { screenBatch, type ScreenOptions } from './batch.ts';

interface Options extends ScreenOptions {
  /** The rulebook as JSON text (see screen.ts for why not as an object). */
  rulebookJson: string;
}

const { rulebookJson, ...options } = workerData as Options;
const rulebook = JSON.parse(rulebookJson) as Rulebook;

parentPort!.on('message', (batch: { seq: number; bytes: Uint8Array<ArrayBuffer>; spare: ArrayBuffer }) => {
  const done = screenBatch(batch.bytes, rulebook, options, batch.spare);
  // The input's buffer goes back too, to be filled again.
  const input = batch.bytes.buffer;
  parentPort!.postMessage({ seq: batch.seq, ...done, input }, [done.bytes.buffer, input]);
});
