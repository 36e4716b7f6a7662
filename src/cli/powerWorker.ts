/**
 * Worker thread of `strkin power --threads`: the power rows of one range of
 * families on the shared plan.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Family, FamilyPower, RejectedFamily, ValidPowerSettings } from '../index.js';
import { powerRows, type SearchPlan } from '../engine.js';

/** What every job of a power run shares: the worker's `workerData`. */
export interface PowerWorkerShared {
  readonly plan: SearchPlan;
  readonly settings: ValidPowerSettings;
}

/** A job posted to a power worker: one range of families. */
export interface PowerWorkerJob {
  readonly job: number;
  readonly families: readonly Family[];
}

/** A power worker's answer. */
export type PowerWorkerReply =
  | { readonly job: number; readonly ok: true; readonly rows: readonly FamilyPower[]; readonly rejected: readonly RejectedFamily[] }
  | { readonly job: number; readonly ok: false; readonly error: string };

if (parentPort !== null) {
  const port = parentPort;
  const shared = workerData as PowerWorkerShared;
  port.on('message', (job: PowerWorkerJob) => {
    try {
      const part = powerRows(job.families, shared.plan, shared.settings);
      const reply: PowerWorkerReply = { job: job.job, ok: true, rows: part.rows, rejected: part.rejected };
      port.postMessage(reply);
    } catch (e) {
      const reply: PowerWorkerReply = { job: job.job, ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
      port.postMessage(reply);
    }
  });
}
