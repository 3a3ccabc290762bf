/**
 * The cold-start (INIT) time model: how long a new execution environment takes before it can run
 * its first invocation, from the function's runtime, memory and package size.
 *
 * Assumptions (ours, shaped to the figures in ../shared/reference/MODELS.md, "Serverless": cold
 * starts take "from under 100 ms to over 1 s" and the INIT phase is capped at 10 s):
 *
 *   mean = base(runtime) · cpu(memory) + PACKAGE_SECONDS_PER_MB · packageMb
 *
 * - base(runtime), at 1,024 MB: go 0.09 s, node 0.18 s, python 0.20 s, dotnet 0.45 s, java 0.80 s
 *   (compiled runtimes start fastest, the JVM and the CLR slowest);
 * - cpu(memory) = √(1024 / memoryMb) clamped to [0.6, 2.8]: Lambda gives CPU in proportion to
 *   memory, so runtime start-up slows as memory shrinks (2.8× at 128 MB) and stops improving past
 *   about 2.8 GB;
 * - 12 ms per MB of deployment package (fetching and unpacking the code).
 *
 * The draw is lognormal with that mean and a standard deviation of 40 % of it, capped at 10 s.
 * Examples: go at 3 GB with a 1 MB package ≈ 0.07 s; node at 128 MB with 1 MB ≈ 0.52 s; java at
 * 512 MB with 50 MB ≈ 1.7 s.
 */

import type { DistributionSpec } from '../engine/distributions';
import type { Runtime } from './types';

export const INIT_BASE_SECONDS: Readonly<Record<Runtime, number>> = { go: 0.09, node: 0.18, python: 0.2, dotnet: 0.45, java: 0.8 };
export const PACKAGE_SECONDS_PER_MB = 0.012;
export const INIT_CV = 0.4;
/** Lambda's INIT phase limit (MODELS.md). */
export const INIT_CAP_SECONDS = 10;

/** The CPU factor of the memory size (see the module note). */
export function memoryCpuFactor(memoryMb: number): number {
  const f = Math.sqrt(1024 / memoryMb);
  return f < 0.6 ? 0.6 : f > 2.8 ? 2.8 : f;
}

/** Mean INIT time (s) for a runtime, memory size and package size. */
export function initMeanSeconds(runtime: Runtime, memoryMb: number, packageMb: number): number {
  return INIT_BASE_SECONDS[runtime] * memoryCpuFactor(memoryMb) + PACKAGE_SECONDS_PER_MB * packageMb;
}

/** The INIT time distribution of a function (draws are capped at INIT_CAP_SECONDS by the simulator). */
export function initTimeModel(runtime: Runtime, memoryMb: number, packageMb: number): DistributionSpec {
  const mean = initMeanSeconds(runtime, memoryMb, packageMb);
  return { type: 'lognormal', mean, sd: INIT_CV * mean };
}
