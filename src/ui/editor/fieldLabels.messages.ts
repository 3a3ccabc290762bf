/**
 * Words of the editor's typed fields: instance-type choices, the parameters of distributions and
 * arrival processes, message filters and per-minute lists.
 */
import { defineMessages, type Translate } from '../i18n/messages';

export const fieldLabelMessages = defineMessages(
  {
    // instance types
    typeOption: '{id} · {vcpu} vCPU, {mem} GiB',
    typeOptionGpu: '{id} · {vcpu} vCPU, {mem} GiB, {gpu} GPU',
    unlisted: '{value} (not in the catalog)',
    // distribution parameters
    p_value: 'Value',
    p_min: 'Minimum',
    p_max: 'Maximum',
    p_mean: 'Mean',
    p_sd: 'Standard deviation',
    p_alpha: 'Shape α (tail index)',
    p_samples: 'Samples',
    p_points: 'Percentile points',
    p_interpolate: 'Interpolate',
    // arrival parameters
    p_rate: 'Rate (req/s)',
    p_peak: 'Peak rate (req/s)',
    p_trough: 'Lowest rate (req/s)',
    p_base: 'Base rate (req/s)',
    p_period: 'Period',
    p_peakAt: 'Peak at',
    p_at: 'Starts at',
    p_rampUp: 'Ramp up',
    p_hold: 'Hold',
    p_rampDown: 'Ramp down',
    p_format: 'Trace format',
    p_file: 'Trace file',
    p_column: 'CSV column',
    p_scale: 'Scale',
    p_minuteSeconds: 'Seconds per trace minute',
    p_spread: 'Spread in the minute',
    p_interpolation: 'Interpolation',
    p_states: 'States',
    p_data: 'Trace data',
    p_loop: 'Loop',
    // distribution pickers
    distType: '{what}: distribution',
    asDuration: 'a fixed duration',
    otherKind: '{kind} (edited as JSON)',
    initDefault: '(default: from runtime, memory and package size)',
    machineProvisioning: 'Machine provisioning',
    machineProvisioningDefault: '(default: lognormal, mean 45 s)',
    // filters
    filter: 'Filter',
    filterOf: 'Filter of subscription {n}',
    filterHint: 'One condition per line: name = value1, value2. Delivered only when every named attribute is one of its values. Empty: every message.',
    filterBadLine: 'line {n}: write name = value1, value2',
    filterApply: 'Apply filter',
    filterName: '{name}: filter',
    // per-minute list
    perMinute: 'Invocations per minute',
    perMinuteHint: 'Whole numbers ≥ 0, one per minute from time 0 (commas, spaces or new lines). Empty: no trace.',
    perMinuteBad: 'item {n}: “{value}” is not a whole number ≥ 0',
    perMinuteCount: '{n} minutes, {total} invocations',
    perMinuteTooLong: 'The trace has {n} minutes: too long to edit here; use the JSON below.',
    apply: 'Apply',
    // Azure trace
    azureTrace: 'Azure Functions trace',
    azureFolder: 'Folder',
    azureFolderHint: 'Folder with invocations.csv, durations.csv and memory.csv (relative to the scenario file; presets: to the traces folder). Empty: no trace replay.',
    azureMinutes: 'Minutes',
    azureMinutesHint: 'Replay only the first minutes (empty: all).',
    azureRuntime: 'Runtime',
  },
  {
    typeOption: '{id} · {vcpu} 个 vCPU，内存 {mem} GiB',
    typeOptionGpu: '{id} · {vcpu} 个 vCPU，内存 {mem} GiB，{gpu} 个 GPU',
    unlisted: '{value}（不在规格目录中）',
    p_value: '取值',
    p_min: '最小值',
    p_max: '最大值',
    p_mean: '均值',
    p_sd: '标准差',
    p_alpha: '形状参数 α（尾部指数）',
    p_samples: '样本',
    p_points: '分位点',
    p_interpolate: '插值',
    p_rate: '速率（请求/秒）',
    p_peak: '峰值速率（请求/秒）',
    p_trough: '最低速率（请求/秒）',
    p_base: '基础速率（请求/秒）',
    p_period: '周期',
    p_peakAt: '峰值时刻',
    p_at: '开始时间',
    p_rampUp: '爬升时长',
    p_hold: '保持时长',
    p_rampDown: '回落时长',
    p_format: '轨迹格式',
    p_file: '轨迹文件',
    p_column: 'CSV 列',
    p_scale: '缩放系数',
    p_minuteSeconds: '每个轨迹分钟的秒数',
    p_spread: '分钟内的分布方式',
    p_interpolation: '插值方式',
    p_states: '状态',
    p_data: '轨迹数据',
    p_loop: '循环回放',
    distType: '{what}：分布类型',
    asDuration: '固定时长',
    otherKind: '{kind}（以 JSON 编辑）',
    initDefault: '（默认：按运行时、内存和代码包大小估算）',
    machineProvisioning: '机器开通时间',
    machineProvisioningDefault: '（默认：对数正态分布，均值 45 秒）',
    filter: '过滤条件',
    filterOf: '订阅 {n} 的过滤条件',
    filterHint: '每行一个条件：属性名 = 值1, 值2。只有每个列出的属性都取其中一个值时才投递。留空：投递所有消息。',
    filterBadLine: '第 {n} 行：应写成 属性名 = 值1, 值2',
    filterApply: '应用过滤条件',
    filterName: '{name}：过滤条件',
    perMinute: '每分钟调用次数',
    perMinuteHint: '大于等于 0 的整数，从 0 时刻起每分钟一个（用逗号、空格或换行分隔）。留空：不回放轨迹。',
    perMinuteBad: '第 {n} 项：“{value}”不是大于等于 0 的整数',
    perMinuteCount: '共 {n} 分钟，{total} 次调用',
    perMinuteTooLong: '该轨迹有 {n} 分钟，太长，无法在此编辑；请使用下方的 JSON。',
    apply: '应用',
    azureTrace: 'Azure Functions 轨迹',
    azureFolder: '目录',
    azureFolderHint: '包含 invocations.csv、durations.csv 和 memory.csv 的目录（相对于场景文件；预设相对于 traces 目录）。留空：不回放轨迹。',
    azureMinutes: '分钟数',
    azureMinutesHint: '只回放前若干分钟（留空：全部）。',
    azureRuntime: '运行时',
  },
);

/** The label key of a distribution or arrival parameter, or null for one the catalog does not name. */
export function paramLabelKey(key: string): keyof typeof fieldLabelMessages.en | null {
  const k = `p_${key}`;
  return k in fieldLabelMessages.en ? (k as keyof typeof fieldLabelMessages.en) : null;
}

/** The translated label of a parameter; one the catalog does not name keeps its schema key. */
export function paramLabel(t: Translate<keyof typeof fieldLabelMessages.en>, key: string): string {
  const k = paramLabelKey(key);
  return k ? t(k) : key;
}
