/**
 * Elasticity plug-ins: pure, self-contained deciders the simulation can call with plain numbers.
 *  - hpa.ts           Kubernetes Horizontal Pod Autoscaler (replica calculation + behavior)
 *  - step-scaling.ts  threshold / step scaling rules with duration, constraints and cooldown
 *  - scheduled.ts     cron-driven scheduled scaling on the simulated calendar
 *  - forecast.ts      linear trend, Holt-Winters, MAPE, capacity recommendation
 */
export * from './hpa';
export * from './step-scaling';
export * from './scheduled';
export * from './forecast';
export * from './autoscaler';
export * from './planning';
export * from './why';
