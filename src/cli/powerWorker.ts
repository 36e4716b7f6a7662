/**
 * Worker thread of `strkin power --threads`: the power rows of one range of
 * families on the shared plan.
 */
import { parentPort } from 'node:worker_threads';
import type { Family, FamilyPower, RejectedFamily, ValidPowerSettings } from '../index.js';
import { powerRows, type SearchPlan } from '../engine.js';

/** A job posted to a power worker. */
export interface PowerWorkerJob {
  readonly job: number;
  readonly plan: SearchPlan;
  readonly families: readonly Family[];
  readonly settings: ValidPowerSettings;
}

/** A power worker's answer. */
export type PowerWorkerReply =
  | { readonly job: number; readonly ok: true; readonly rows: readonly FamilyPower[]; readonly rejected: readonly RejectedFamily[] }
  | { readonly job: number; readonly ok: false; readonly error: string };

if (parentPort !== null) {
  const port = parentPort;
  port.on('message', (job: PowerWorkerJob) => {
    try {
      const part = powerRows(job.families, job.plan, job.settings);
      const reply: PowerWorkerReply = { job: job.job, ok: true, rows: part.rows, rejected: part.rejected };
      port.postMessage(reply);
    } catch (e) {
      const reply: PowerWorkerReply = { job: job.job, ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
      port.postMessage(reply);
    }
  });
}
