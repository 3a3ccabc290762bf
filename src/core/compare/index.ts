export { applyMergePatch, createMergePatch, isEmptyPatch } from './merge-patch';
export type { MergePatchResult } from './merge-patch';
export { COMPARE_METRICS, compareResults, compareSide, compareSides, comparisonTextRows, defaultCompareService, deltaRow, formatCompareValue, formatDeltaPct } from './compare';
export type { CompareMetricDef, CompareSide, CompareUnit, ComparisonTable, DeltaRow, Direction } from './compare';
export { applyVariant, variantPatch } from './variants';
export type { PricingPlan, VariantChoice, VariantPatchResult, VariantResult } from './variants';
export { COMPARE_PARAM, decodeComparePatch, encodeComparePatch } from './link';
export type { ComparePatchFromLink } from './link';
