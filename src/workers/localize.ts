/**
 * The worker's messages in Simplified Chinese: scenario validation issues (the core's plain-language
 * rewording of zod's issues and the schema's own checks), share-link and scenario-file decode
 * errors, trace and Azure-trace import errors, and access denials. The core writes them in English
 * (for the CLI and the tests); when the console has chosen Chinese (see ./lang), the worker's answers
 * pass through `localizeMessage`, which recognises each sentence by its shape and says it in Chinese
 * with the same values. A sentence it does not know stays in English (localize.test.ts runs a corpus
 * of bad inputs through the real validators and requires every answer to come out in Chinese).
 */
import type { LoadResult, ScenarioIssue, TraceImportResult } from './service';
import type { AzureImportResult } from './serverless-types';
import { workerLang } from './lang';

type Rule = readonly [RegExp, (m: RegExpExecArray) => string];

/** English nouns of the schema's "unknown …" and "duplicate … id" messages. */
const NOUNS: Readonly<Record<string, string>> = {
  zone: '可用区',
  region: '地域',
  'zone or region': '可用区或地域',
  tenant: '租户',
  principal: '主体',
  service: '服务',
  'host pool': '主机池',
  host: '主机',
  instance: '实例',
  'instance type': '实例类型',
  'service or instance group': '服务或实例组',
  function: '函数',
  queue: '队列',
  topic: '主题',
  gateway: '网关',
  bucket: '存储桶',
  route: '路由',
  timer: '定时器',
  'trace format': '轨迹格式',
  'link format': '链接格式',
  workload: '工作负载',
  source: '来源',
  http: 'HTTP 来源',
};
const noun = (w: string): string => NOUNS[w] ?? w;

/** The core's description of a value ("nothing", "a list of 3", "text \"x\"", "the number 5"). */
function value(x: string): string {
  if (x === 'nothing') return '空';
  if (x === 'an object') return '一个对象';
  if (x === 'a list') return '一个列表';
  let m = /^a list of (\d+)$/.exec(x);
  if (m) return `包含 ${m[1]} 项的列表`;
  m = /^text (.+)$/s.exec(x);
  if (m) return `文本 ${m[1]}`;
  m = /^the number (.+)$/.exec(x);
  if (m) return `数字 ${m[1]}`;
  return x;
}

const WANTED: Readonly<Record<string, string>> = {
  'a number': '数字',
  'a whole number': '整数',
  text: '文本',
  'true or false': 'true 或 false',
  'a list': '列表',
  'an object': '对象',
};

/** Amounts written in words inside bounds ("10 years", "1 minute"). */
function amount(x: string): string {
  return x.replace(/^(\d+) years?$/, '$1 年').replace(/^(\d+) minutes?$/, '$1 分钟');
}

const or = (x: string): string => x.replace(/ or /g, ' 或 ').replace(/ and /g, ' 和 ');

/** Lists named in parentheses: "zones: a, b", "regions: none". */
function listNote(x: string): string {
  const m = /^(\w+(?: \w+)*?)s: (.*)$/s.exec(x);
  if (m) return `${noun(m[1]!)}：${m[2] === 'none' ? '无' : m[2]}`;
  if (x === 'hosts are named <pool>-<index>') return '主机按 <pool>-<index> 命名';
  if (x === 'instances are named <service or instance group>-<index>') return '实例按 <服务或实例组>-<index> 命名';
  if (x === 'per-minute, timestamps or swf') return 'per-minute、timestamps 或 swf';
  return x;
}

/** The part before ", got …": a bound, a type or a form the value must have. */
const HEADS: readonly Rule[] = [
  [/^is required$/, () => '为必填项'],
  [/^must be (a number|a whole number|text|true or false|a list|an object)$/, (m) => `应为${WANTED[m[1]!]}`],
  [/^needs at least (\d+) items?$/, (m) => `至少需要 ${m[1]} 项`],
  [/^allows at most (\d+) items$/, (m) => `最多允许 ${m[1]} 项`],
  [/^must not be empty$/, () => '不能为空'],
  [/^must be at least (\d+) characters long$/, (m) => `长度至少为 ${m[1]} 个字符`],
  [/^must be at most (\d+) characters long$/, (m) => `长度最多为 ${m[1]} 个字符`],
  [/^must be at least the request \((\S+) (vCPU|GiB) of (.+)\)$/, (m) => `应不小于请求量（${m[3]} 的 ${m[1]} ${m[2]}）`],
  [/^must be at least (.+)$/, (m) => `应不小于 ${amount(m[1]!)}`],
  [/^must be greater than (.+)$/, (m) => `应大于 ${m[1]}`],
  [/^must be more than 0 and at most 900 s \(Lambda's limit\)$/, () => '应大于 0 且不超过 900 s（Lambda 的上限）'],
  [/^must be at most (\d+) requests \(10,000,000 a second over a trace minute of (\S+) s\)$/, (m) => `应不大于 ${m[1]} 个请求（一个轨迹分钟为 ${m[2]} s，每秒最多 10,000,000 个请求）`],
  [/^must be at most (.+)$/, (m) => `应不大于 ${amount(m[1]!)}`],
  [/^must be less than (.+)$/, (m) => `应小于 ${m[1]}`],
  [/^must not exceed (.+)$/, (m) => `不能超过 ${m[1]}`],
  [/^must be shorter than the duration \((.+)\)$/, (m) => `应短于时长（${m[1]}）`],
  [/^must be within (.+)$/, (m) => `应在 ${m[1]} 之内`],
  [/^must be longer than the last point \((.+)\)$/, (m) => `应长于最后一个点（${m[1]}）`],
  [/^must be a whole number \(at least 2\) of buckets \((.+)\)$/, (m) => `应为桶长（${m[1]}）的整数倍，且至少为 2 倍`],
  [/^must be before the end of the run \((.+)\)$/, (m) => `应早于运行结束（${m[1]}）`],
  [/^must be a multiple of (.+)$/, (m) => `应为 ${m[1]} 的倍数`],
  [/^must be one of (.+)$/s, (m) => `应为以下之一：${m[1]}`],
  [/^must be a duration such as (.+) or a number of seconds$/, (m) => `应为时长（例如 ${m[1]}）或秒数`],
  [/^must be an id: 1 to 40 lowercase letters, digits or dashes, starting with a letter$/, () => '应为 id：1 到 40 个小写字母、数字或连字符，以字母开头'],
  [/^must be an instance-type name such as (.+)$/, (m) => `应为实例类型名称，例如 ${m[1]}`],
  [/^must be a short lower-case id such as (.+)$/, (m) => `应为简短的小写 id，例如 ${m[1]}`],
  [/^must be a format version number \(1 to (\d+)\)$/, (m) => `应为格式版本号（1 到 ${m[1]}）`],
  [/^must be an object with "(.+)"$/, (m) => `应为包含 "${m[1]}" 的对象`],
  [/^has the wrong format$/, () => '格式不正确'],
  [/^must be (.+)$/s, (m) => `应为 ${m[1]}`],
  [/^needs one weight per replica \((\d+)\)$/, (m) => `每个副本需要一个权重（共 ${m[1]} 个）`],
  [/^needs exactly one of (.+)$/, (m) => `${or(m[1]!)} 必须且只能给出一个`],
  [/^service "(.+)" has replicas 0 to (\d+)$/, (m) => `服务 "${m[1]}" 的副本编号为 0 到 ${m[2]}`],
  [/^pool "(.+)" has hosts 0 to (\d+)$/, (m) => `主机池 "${m[1]}" 的主机编号为 0 到 ${m[2]}`],
  [/^cpu is a fraction of the replicas' capacity: at most 1$/, () => 'cpu 是副本容量的比例：最大为 1'],
  [/^predictive scaling forecasts demand: use "rps" or "cpu"$/, () => '预测式扩缩容预测的是需求：请使用 "rps" 或 "cpu"'],
  [/^a scenario must be a JSON object$/, () => '场景必须是一个 JSON 对象'],
  [/^(\S+) takes a (\S+)\/… target$/, (m) => `${m[1]} 的目标应为 ${m[2]}/…`],
  [/^seconds per trace minute must be a number above 0$/, () => '每个轨迹分钟对应的秒数必须是大于 0 的数'],
  [/^minutes must be a whole number of at least 1$/, () => 'minutes 必须是不小于 1 的整数'],
  [/^replicas must be a whole number from 0 to 10,000$/, () => 'replicas 必须是 0 到 10,000 之间的整数'],
];

/** The eight rules of an access decision (src/core/iam/policy.ts). */
const RULES: readonly Rule[] = [
  [/^unknown principal "(.+)"$/, (m) => `未知主体 "${m[1]}"`],
  [/^explicit deny in policy (\S+) statement (\d+)$/, (m) => `显式拒绝：${m[1]} 的策略第 ${m[2]} 条语句`],
  [/^platform role admin of (\S+) allows (\S+)$/, (m) => `${m[1]} 的平台角色 admin 允许 ${m[2]}`],
  [/^platform resource: (\S+) belongs to no tenant, only the platform admin may (\S+) it$/, (m) => `平台资源：${m[1]} 不属于任何租户，只有平台管理员可以对其执行 ${m[2]}`],
  [/^cross-tenant: principal (\S+) has no role on tenant (\S+)$/, (m) => `跨租户：主体 ${m[1]} 在租户 ${m[2]} 上没有角色`],
  [/^role (\S+) of tenant (\S+) allows (\S+)$/, (m) => `租户 ${m[2]} 的角色 ${m[1]} 允许 ${m[3]}`],
  [/^allow in policy (\S+) statement (\d+)$/, (m) => `允许：${m[1]} 的策略第 ${m[2]} 条语句`],
  [/^implicit deny: no rule allows (\S+); role (.*) of tenant (\S+) does not include it$/, (m) => `隐式拒绝：没有规则允许 ${m[1]}；租户 ${m[3]} 的角色 ${m[2]} 不包含该操作`],
];

/** Whole sentences. */
const FULL: readonly Rule[] = [
  // validation (src/core/scenario/validate.ts, schema.ts, migrate.ts, saas.ts; iam and serverless checks)
  [/^unknown field$/, () => '未知字段'],
  [/^has an unexpected form \((.+)\)$/, (m) => `形式不符合要求（${value(m[1]!)}）`],
  [/^gives (\d+) samples; at most 1,000,000 \(use at least (\d+)s\)$/, (m) => `会产生 ${m[1]} 个样本，最多允许 1,000,000 个（请至少使用 ${m[2]}s）`],
  [/^duplicate id "(.+)" \(already used by (.+)\)$/, (m) => `重复的 id "${m[1]}"（已被 ${m[2]} 使用）`],
  [/^duplicate (zone|tenant|principal) id "(.+)"$/, (m) => `重复的${noun(m[1]!)} id "${m[2]}"`],
  [/^duplicate (tenant|route) "(.+)"$/, (m) => `重复的${noun(m[1]!)} "${m[2]}"`],
  [/^duplicate (\w+) id "(.+)"$/, (m) => `重复的${noun(m[1]!)} id "${m[2]}"`],
  [/^unknown ([a-z][a-z ]*?) "(.*)" \((.+)\)$/s, (m) => `未知的${noun(m[1]!)} "${m[2]}"（${listNote(m[3]!)}）`],
  [/^unknown ([a-z][a-z ]*?) "(.*)"$/, (m) => `未知的${noun(m[1]!)} "${m[2]}"`],
  [/^calls go round in a loop: (.+)$/, (m) => `调用形成了环路：${m[1]}`],
  [/^applies to containers only \(a VM is sized by its instance type\)$/, () => '仅适用于容器（虚拟机的规格由实例类型决定）'],
  [/^is required when the replicas are placed on hosts \(placement\)$/, () => '副本放置在主机上（placement）时为必填项'],
  [/^needs host pools to place the replicas on$/, () => '需要主机池来放置副本'],
  [/^is required for metric "(.+)" \(only cpu has a default, 0\.8\)$/, (m) => `指标为 "${m[1]}" 时必须设置（只有 cpu 有默认值 0.8）`],
  [/^step scaling needs at least one rule$/, () => '步进扩缩容至少需要一条规则'],
  [/^scheduled scaling needs at least one action$/, () => '定时扩缩容至少需要一个动作'],
  [/^sets nothing: give replicas, minReplicas or maxReplicas$/, () => '没有设置任何内容：请给出 replicas、minReplicas 或 maxReplicas'],
  [/^needs host pools to run on$/, () => '需要主机池才能运行'],
  [/^"(.+)" is already the id of a service or instance group$/, (m) => `"${m[1]}" 已经是某个服务或实例组的 id`],
  [/^an "swf" trace is read from a file; inline data must be "timestamps"$/, () => '"swf" 轨迹只能从文件读取；内联数据必须是 "timestamps"'],
  [/^a trace needs exactly one of "data" or "file"$/, () => '轨迹必须且只能给出 "data" 或 "file" 之一'],
  [/^timestamps must not decrease: (\S+) comes after (\S+)$/, (m) => `时间戳不能递减：${m[1]} 出现在 ${m[2]} 之后`],
  [/^points must be in time order: (\S+) comes after (\S+)$/, (m) => `各点必须按时间顺序排列：${m[1]} 出现在 ${m[2]} 之后`],
  [/^tenant "(.+)" is on a separate pool, but no host pool is dedicatedTo it$/, (m) => `租户 "${m[1]}" 使用独立主机池，但没有任何主机池的 dedicatedTo 指向它`],
  [/^region "(.+)" already has a quota for tenant "(.+)"$/, (m) => `地域 "${m[1]}" 已经有租户 "${m[2]}" 的配额`],
  [/^"(.+)" is a private datacenter: its hosts cost a fixed monthly amount \(billing\.pools\[\]\.monthly\), not prices per instance$/, (m) => `"${m[1]}" 是私有数据中心：其主机按固定月费计费（billing.pools[].monthly），而不是按实例定价`],
  [/^pool "(.+)" is in a private datacenter: its hosts are billed, not its instances$/, (m) => `主机池 "${m[1]}" 位于私有数据中心：计费对象是主机，而不是实例`],
  [/^only hosts of a private datacenter have a fixed monthly cost; "(.+)" is in a public region \(set its pricePerHour\)$/, (m) => `只有私有数据中心的主机才有固定月费；"${m[1]}" 位于公有云地域（请设置它的 pricePerHour）`],
  [/^needs at least one function \(or an azureTrace to replay\)$/, () => '至少需要一个函数（或一个要回放的 azureTrace）'],
  [/^provisioned concurrency \((\d+)\) cannot exceed reserved concurrency \((\d+)\)$/, (m) => `预置并发（${m[1]}）不能超过预留并发（${m[2]}）`],
  [/^probabilities must rise strictly from 0 to 1 and values must not fall$/, () => '概率必须从 0 严格递增到 1，且取值不能下降'],
  [/^reserved concurrency adds up to (\d+): at most the account limit minus 100 \((-?\d+)\) may be reserved, as Lambda keeps 100 unreserved$/, (m) => `预留并发合计 ${m[1]}：最多只能预留账户上限减去 100（${m[2]}），因为 Lambda 要保留 100 个非预留并发`],
  [/^the range must be at least one bin, and the bin more than 0$/, () => '范围至少要有一个分桶，且分桶必须大于 0'],
  [/^head \((.+)\) must be below tail \((.+)\)$/, (m) => `head（${m[1]}）必须小于 tail（${m[2]}）`],
  [/^HTTP sources replay traces given inline \(data\); files are read for workloads only$/, () => 'HTTP 来源只回放内联给出的轨迹（data）；文件只能用于工作负载'],
  [/^gateway "(.+)" has no route "(.+)" \(routes: (.*)\)$/, (m) => `网关 "${m[1]}" 没有路由 "${m[2]}"（路由：${m[3]}）`],
  [/^a queue cannot be its own dead-letter queue$/, () => '队列不能是自己的死信队列'],
  [/^the dead-letter queue of a (\w+) queue must be \w+ too \("(.+)" is (\w+)\)$/, (m) => `${m[1]} 队列的死信队列也必须是 ${m[1]}（"${m[2]}" 是 ${m[3]}）`],
  [/^FIFO queues do not deliver duplicates: leave duplicateRate at 0$/, () => 'FIFO 队列不会重复投递：请把 duplicateRate 保持为 0'],
  [/^a queue has one consumer: give consumer \(a function\) or serviceConsumer, not both$/, () => '一个队列只能有一个消费者：请给出 consumer（函数）或 serviceConsumer，不要同时给出'],
  [/^give exactly one of cron or every$/, () => 'cron 和 every 必须且只能给出一个'],
  [/^admin is the platform role: it takes no tenant$/, () => 'admin 是平台角色：不能指定租户'],
  [/^role (\S+) needs a tenant \(tenants: (.*)\)$/, (m) => `角色 ${m[1]} 需要指定租户（租户：${m[2]}）`],
  [/^"(.+)" matches no action \(actions: (.*)\)$/, (m) => `"${m[1]}" 不匹配任何操作（可用操作：${m[2]}）`],
  [/^(\S+) is a console action; it cannot be scripted$/, (m) => `${m[1]} 是控制台操作，不能写进脚本`],
  [/^service:scale needs replicas, or minReplicas and\/or maxReplicas$/, () => 'service:scale 需要 replicas，或者 minReplicas 和/或 maxReplicas'],
  [/^policy:change needs balancer \(the policy to switch to\)$/, () => 'policy:change 需要 balancer（要切换到的策略）'],
  [/^(\S+) needs type \(an instance type\)$/, (m) => `${m[1]} 需要 type（实例类型）`],
  [/^is required: the format version \(this build reads version (\d+)( and older)?\)$/, (m) => `为必填项：格式版本（当前版本可读取版本 ${m[1]}${m[2] ? ' 及更早的版本' : ''}）`],
  [/^this scenario uses format version (\d+), made by a newer Cumulo; this build reads up to version (\d+)$/, (m) => `此场景使用格式版本 ${m[1]}，由更新的 Cumulo 生成；当前版本最多只能读取版本 ${m[2]}`],
  [/^no migration from format version (\d+) to (\d+)$/, (m) => `没有从格式版本 ${m[1]} 到 ${m[2]} 的迁移`],
  [/^could not upgrade from format version (\d+): (.+)$/s, (m) => `无法从格式版本 ${m[1]} 升级：${m[2]}`],
  // cron schedules (src/core/elasticity/scheduled.ts)
  [/^unknown shorthand "(.*)" \(known: (.*)\)$/, (m) => `未知的简写 "${m[1]}"（可用：${m[2]}）`],
  [/^expected 5 fields \(minute hour day-of-month month day-of-week\), found (\d+)(?:: "(.*)")?$/s, (m) => `应有 5 个字段（分 时 日 月 星期），实际为 ${m[1]} 个${m[2] !== undefined ? `："${m[2]}"` : ''}`],
  [/^field (\d+) \((minute|hour|day of month|month|day of week)\): (.+)$/s, (m) => `第 ${m[1]} 个字段（${CRON_FIELDS[m[2]!]}）：${cron(m[3]!)}`],
  [/^action (\d+) \((.*?)\): (\S+) must be a whole number ≥ 0, got (.+)$/, (m) => `第 ${m[1]} 个动作（${m[2]}）：${m[3]} 必须是 ≥ 0 的整数，实际为 ${m[4]}`],
  [/^action (\d+) \((.*?)\): minReplicas \((\d+)\) must not exceed maxReplicas \((\d+)\)$/, (m) => `第 ${m[1]} 个动作（${m[2]}）：minReplicas（${m[3]}）不能超过 maxReplicas（${m[4]}）`],
  [/^action (\d+) \((.*?)\): (.+)$/s, (m) => `第 ${m[1]} 个动作（${m[2]}）：${localizeCron(m[3]!)}`],
  // scenario files (src/core/scenario/validate.ts, json-position.ts)
  [/^not valid JSON at line (\d+), column (\d+): expected (.+?)(?: but found (.+))?$/s, (m) => `不是有效的 JSON：第 ${m[1]} 行第 ${m[2]} 列应为${jsonExpected(m[3]!)}${m[4] !== undefined ? `，实际为 ${m[4]}` : ''}`],
  [/^not valid JSON: (.+)$/s, (m) => `不是有效的 JSON：${m[1]}`],
  // share links (src/core/scenario/link.ts)
  [/^the link contains a character that cannot be in it \((.+) at position (\d+)\)$/, (m) => `链接中含有不允许出现的字符（第 ${m[2]} 个字符 ${m[1]}）`],
  [/^the link is cut short \(its data has an impossible length\)$/, () => '链接不完整（数据长度不可能成立）'],
  [/^the link is cut short \(too little data\)$/, () => '链接不完整（数据太少）'],
  [/^the link data is not a compressed scenario \(bad header\)$/, () => '链接数据不是压缩的场景（头部错误）'],
  [/^the scenario in the link is too large \(over (\d+) bytes unpacked\)$/, (m) => `链接中的场景太大（解压后超过 ${m[1]} 字节）`],
  [/^the link is damaged or cut short \((.+)\)$/s, (m) => `链接已损坏或不完整（${m[1]}）`],
  [/^the link is damaged: its checksum does not match \(was it cut or edited\?\)$/, () => '链接已损坏：校验和不匹配（是否被截断或修改过？）'],
  [/^the link has no scenario in it \(expected "(.+)"\)$/, (m) => `链接中没有场景（应为 "${m[1]}"）`],
  [/^the link is too long \((\d+) characters; at most (\d+)\)$/, (m) => `链接太长（${m[1]} 个字符；最多 ${m[2]} 个）`],
  [/^the link contains broken %-escapes$/, () => '链接中含有损坏的 % 转义'],
  [/^the link has no codec version \(expected "(.+)" before the data\)$/, (m) => `链接缺少编码版本（数据前应为 "${m[1]}"）`],
  [/^the link was made by a newer Cumulo \(link format (\S+)\); this build reads (\S+)$/, (m) => `此链接由更新的 Cumulo 生成（链接格式 ${m[1]}）；当前版本只能读取 ${m[2]}`],
  [/^unknown link format "(.*)" \(this build reads (\S+)\)$/, (m) => `未知的链接格式 "${m[1]}"（当前版本只能读取 ${m[2]}）`],
  [/^the link does not hold text \(invalid UTF-8\)$/, () => '链接中的内容不是文本（UTF-8 无效）'],
  [/^the link does not hold a JSON scenario$/, () => '链接中不是 JSON 格式的场景'],
  [/^the link could not be read \((.+)\)$/s, (m) => `无法读取链接（${m[1]}）`],
  [/^the link is empty$/, () => '链接为空'],
  // loading (src/workers/service.ts)
  [/^nothing to load: expected a preset, a link or a scenario$/, () => '没有可加载的内容：需要一个预设场景、链接或场景文档'],
  [/^there is no preset called "(.*)" \(available: (.*)\)$/s, (m) => `没有名为 "${m[1]}" 的预设场景（可用的有：${m[2]}）`],
  [/^the scenario could not be read: (.+)$/s, (m) => `无法读取场景：${m[1]}`],
  [/^the scenario is not valid$/, () => '场景无效'],
  [/^the simulation could not start: (.+)$/s, (m) => `模拟无法启动：${m[1]}`],
  [/^no scenario is loaded$/, () => '尚未加载场景'],
  [/^there is no (workload|service|principal) "(.*)"(?: \(principals: (.*)\))?$/, (m) => `没有${noun(m[1]!)} "${m[2]}"${m[3] !== undefined ? `（主体：${m[3]}）` : ''}`],
  [/^the run has ended: reset it to start again$/, () => '运行已结束：请重置后重新开始'],
  [/^the loaded scenario has no workloads$/, () => '当前场景没有工作负载'],
  [/^the bill could not be computed: (.+)$/s, (m) => `无法计算账单：${m[1]}`],
  [/^the re-run failed: (.+)$/s, (m) => `重新运行失败：${localizeMessage(m[1]!)}`],
  [/^this scenario replays trace files the page cannot open \((.+)\): import them first$/s, (m) => `此场景回放的轨迹文件页面无法打开（${m[1]}）：请先导入`],
  // console commands (src/workers/service.ts: balancer and autoscaler changes)
  [/^there is no balancing policy "(.*)" \(available: (.*)\)$/s, (m) => `没有名为 "${m[1]}" 的负载均衡策略（可用的有：${m[2]}）`],
  [/^the simulation refused the policy "(.*)" for "(.*)"$/, (m) => `模拟拒绝为 "${m[2]}" 使用策略 "${m[1]}"`],
  [/^the balancer could not be switched: (.+)$/s, (m) => `无法切换负载均衡策略：${localizeMessage(m[1]!)}`],
  [/^the change must be an object of autoscaler settings$/, () => '修改内容必须是一个自动扩缩容设置对象'],
  [/^the request must be an object of planning settings$/, () => '请求必须是一个容量规划设置对象'],
  [/^the model must be (.+); got "(.*)"$/, (m) => `模型必须是 ${m[1]} 之一，当前为 "${m[2]}"`],
  [/^service "(.*)" has no autoscaler in its scenario; add one there \(its replica slots are set when the run starts\)$/, (m) => `服务 "${m[1]}" 在场景中没有自动扩缩容：请在场景里添加（副本槽位在运行开始时确定）`],
  [/^the keep-alive policy could not be changed: (.+)$/s, (m) => `无法修改保活策略：${localizeMessage(m[1]!)}`],
  [/^this scenario has no host pools, so there is nothing to bill$/, () => '此场景没有主机池，因此没有可计费的内容'],
  [/^billing is turned off in this scenario \(billing\.enabled: false\)$/, () => '此场景关闭了计费（billing.enabled: false）'],
  // trace files (src/workers/trace-import.ts, src/core/traffic/trace-file.ts)
  [/^the file is empty$/, () => '文件为空'],
  [/^the file is larger than (\d+) MiB$/, (m) => `文件大于 ${m[1]} MiB`],
  [/^the file is named \.gz but is not gzip data$/, () => '文件名以 .gz 结尾，但内容不是 gzip 数据'],
  [/^the file unpacks to more than (\d+) MiB$/, (m) => `文件解压后超过 ${m[1]} MiB`],
  [/^the gzip data is damaged: (.+)$/s, (m) => `gzip 数据已损坏：${m[1]}`],
  [/^the gzip file is cut short: it ends before its data does \(was the download or copy interrupted\?\)$/, () => 'gzip 文件不完整：数据还没结束文件就结束了（下载或复制是否被中断？）'],
  [/^the file is not text: it has a zero byte at byte (\d+) \(a binary file, or UTF-16 without a byte-order mark\); save the trace as UTF-8 text$/, (m) => `文件不是文本：第 ${m[1]} 个字节为零字节（可能是二进制文件，或没有字节顺序标记的 UTF-16）；请将轨迹保存为 UTF-8 文本`],
  [/^the file could not be read as text: (.+)$/s, (m) => `无法把文件读取为文本：${m[1]}`],
  [/^a job has 18 fields, found (\d+)$/, (m) => `每个作业应有 18 个字段，实际为 ${m[1]} 个`],
  [/^field (\d+) \((.*)\) is not a number$/, (m) => `第 ${m[1]} 个字段（${m[2]}）不是数字`],
  [/^submit time \(field 2\) is (\S+); it must be known \(≥ 0\)$/, (m) => `提交时间（第 2 个字段）为 ${m[1]}；它必须是已知的（≥ 0）`],
  [/^submit time (\S+) is earlier than the job before it \((\S+)\)$/, (m) => `提交时间 ${m[1]} 早于前一个作业（${m[2]}）`],
  [/^the trace has more than (\d+) (jobs|values)$/, (m) => `轨迹中的${m[2] === 'jobs' ? '作业' : '数值'}超过 ${m[1]} 个`],
  [/^… \(further lines not checked\)$/, () => '……（后面的行未检查）'],
  [/^no column named "(.*)" \(columns: (.*)\)$/, (m) => `没有名为 "${m[1]}" 的列（列：${m[2]}）`],
  [/^the file has no header row, so column "(.*)" cannot be found$/, (m) => `文件没有表头行，因此找不到列 "${m[1]}"`],
  [/^expected (\d+) fields?, found (\d+)$/, (m) => `应有 ${m[1]} 个字段，实际为 ${m[2]} 个`],
  [/^(.+?)(?: in column "(.*)")? is not a number$/, (m) => `${m[2] !== undefined ? `列 "${m[2]}" 中的 ` : ''}${m[1]} 不是数字`],
  [/^(\S+)(?: in column "(.*)")? is negative$/, (m) => `${m[2] !== undefined ? `列 "${m[2]}" 中的 ` : ''}${m[1]} 是负数`],
  [/^timestamp (\S+) is earlier than the one before it \((\S+)\)$/, (m) => `时间戳 ${m[1]} 早于前一个（${m[2]}）`],
  [/^cannot read "(.*)": (.+)$/s, (m) => `无法读取 "${m[1]}"：${m[2]}`],
  [/^not an Azure Functions 2019 file \(expected the header of invocations\.csv, durations\.csv or memory\.csv\)$/, () => '不是 Azure Functions 2019 的文件（应为 invocations.csv、durations.csv 或 memory.csv 的表头）'],
  [/^a second (\w+) file \(already have (.+)\)$/, (m) => `第二个 ${m[1]} 文件（已经有 ${m[2]}）`],
  [/^missing the (\w+) file \((.+)\)$/, (m) => `缺少 ${m[1]} 文件（${m[2]}）`],
  [/^the loaded scenario does not replay an Azure trace \(serverless\.azureTrace\)$/, () => '当前场景不回放 Azure 轨迹（serverless.azureTrace）'],
  // access (src/workers/iam.ts)
  [/^Access denied: (\S+) may not (\S+) (\S+) \((.+)\)$/s, (m) => `访问被拒绝：${m[1]} 不能对 ${m[3]} 执行 ${m[2]}（${rule(m[4]!)}）`],  [/^hidden: no read permission \((\S+) on (\S+): (.+)\)$/s, (m) => `已隐藏：没有读取权限（对 ${m[2]} 的 ${m[1]}：${rule(m[3]!)}）`],
];

/** Titles of the trace import dialogs' answers. */
const TITLES: readonly Rule[] = [
  [/^No scenario is loaded$/, () => '尚未加载场景'],
  [/^The trace could not be imported$/, () => '无法导入轨迹'],
  [/^Access denied$/, () => '访问被拒绝'],
  [/^(.+) is not a valid (\S+) trace$/, (m) => `${m[1]} 不是有效的 ${m[2]} 轨迹`],
  [/^The scenario with this trace is not valid; nothing was changed$/, () => '使用这条轨迹的场景无效，未做任何更改'],
  [/^Choose the three files of the trace: invocations\.csv, durations\.csv and memory\.csv$/, () => '请选择轨迹的三个文件：invocations.csv、durations.csv 和 memory.csv'],
  [/^The trace files are not valid$/, () => '轨迹文件无效'],
];

const CRON_FIELDS: Readonly<Record<string, string>> = { minute: '分', hour: '时', 'day of month': '日', month: '月', 'day of week': '星期' };

const CRON: readonly Rule[] = [
  [/^empty list item in "(.*)"$/, (m) => `"${m[1]}" 中有空的列表项`],
  [/^"(.*)" has more than one "\/"$/, (m) => `"${m[1]}" 中有不止一个 "/"`],
  [/^step "(.*)" is not a whole number$/, (m) => `步长 "${m[1]}" 不是整数`],
  [/^step (\S+) must be at least 1$/, (m) => `步长 ${m[1]} 必须至少为 1`],
  [/^"(.*)" is not a value or a range a-b$/, (m) => `"${m[1]}" 不是一个值，也不是 a-b 形式的范围`],
  [/^range (\S+) runs backwards$/, (m) => `范围 ${m[1]} 是倒序的`],
  [/^a value is missing$/, () => '缺少一个值'],
  [/^(\d+) is out of range (\d+)–(\d+)$/, (m) => `${m[1]} 超出范围 ${m[2]}–${m[3]}`],
  [/^"(.*)" is not a number or a month name \(JAN–DEC\)$/, (m) => `"${m[1]}" 既不是数字，也不是月份名称（JAN–DEC）`],
  [/^"(.*)" is not a number or a day name \(SUN–SAT\)$/, (m) => `"${m[1]}" 既不是数字，也不是星期名称（SUN–SAT）`],
  [/^"(.*)" is not a number$/, (m) => `"${m[1]}" 不是数字`],
];
const cron = (x: string): string => apply(CRON, x) ?? x;
/** A whole cron error (an action's schedule), as the cron parser words it. */
function localizeCron(x: string): string {
  return apply(FULL, x) ?? cron(x);
}

const JSON_EXPECTED: Readonly<Record<string, string>> = {
  'less deeply nested data': '嵌套层数更少的数据',
  'a quoted field name': '带引号的字段名',
  '":" after the field name': '字段名后的 ":"',
  '"," or "}"': ' "," 或 "}"',
  '"," or "]"': ' "," 或 "]"',
  'a number': '数字',
  'a value, but the text ended': '一个值，但文本已结束',
  'a value (object, list, text in double quotes, number, true, false or null)': '一个值（对象、列表、双引号中的文本、数字、true、false 或 null）',
  'four hex digits after \\u': ' \\u 后的四位十六进制数字',
  'a valid escape after "\\"': ' "\\" 后的有效转义',
  'the closing quote (control characters must be escaped)': '右引号（控制字符必须转义）',
  'the closing quote, but the text ended': '右引号，但文本已结束',
  'the end of the text': '文本结束',
};
const jsonExpected = (x: string): string => JSON_EXPECTED[x] ?? ` ${x}`;

function apply(rules: readonly Rule[], text: string): string | undefined {
  for (const [re, say] of rules) {
    const m = re.exec(text);
    if (m) return say(m);
  }
  return undefined;
}

function rule(text: string): string {
  return apply(RULES, text) ?? text;
}

/** One sentence in Chinese, or undefined when it is not one the worker knows. */
function zh(text: string): string | undefined {
  // "line 12: …" (trace files): the line, then the sentence.
  const line = /^line (\d+): (.+)$/s.exec(text);
  if (line) {
    const rest = zh(line[2]!);
    return rest === undefined ? undefined : `第 ${line[1]} 行：${rest}`;
  }
  const full = apply(FULL, text) ?? apply(RULES, text);
  if (full !== undefined) return full;
  // "<bound>, got <value>" with an optional typo hint.
  const got = /^(.*?), got (.+?)( \(did you mean "(.+)"\?\))?$/s.exec(text);
  if (got) {
    const head = apply(HEADS, got[1]!);
    if (head !== undefined) return `${head}，实际为 ${value(got[2]!)}${got[4] !== undefined ? `（是不是想写 "${got[4]}"？）` : ''}`;
  }
  const hint = /^(.*) \(did you mean "(.+)"\?\)$/s.exec(text);
  if (hint) {
    const head = zh(hint[1]!);
    if (head !== undefined) return `${head}（是不是想写 "${hint[2]}"？）`;
  }
  const head = apply(HEADS, text);
  if (head !== undefined) return head;
  // "services[0].replicas: …", "nasa.csv: …": a place, then a sentence.
  const place = /^([\w.[\]/-]+): (.+)$/s.exec(text);
  if (place) {
    const rest = zh(place[2]!);
    return rest === undefined ? undefined : `${place[1]}：${rest}`;
  }
  // Several messages joined (cron errors): each one.
  if (text.includes('; ')) {
    const parts = text.split('; ').map((p) => zh(p));
    if (parts.every((p) => p !== undefined)) return parts.join('；');
  }
  return undefined;
}

/** A message of the worker in the console's language (English: as the core wrote it). */
export function localizeMessage(text: string): string {
  if (workerLang() !== 'zh' || typeof text !== 'string') return text;
  return zh(text) ?? text;
}

/** Whether the worker can say `text` in Chinese (for the tests' coverage checks). */
export function knowsMessage(text: string): boolean {
  return zh(text) !== undefined;
}

export function localizeIssues(errors: readonly ScenarioIssue[]): ScenarioIssue[] {
  return errors.map((e) => ({ ...e, message: localizeMessage(e.message) }));
}

export function localizeLoad(r: LoadResult): LoadResult {
  return r.ok || workerLang() === 'en' ? r : { ok: false, errors: localizeIssues(r.errors) };
}

export function localizeTitle(title: string): string {
  if (workerLang() !== 'zh') return title;
  return apply(TITLES, title) ?? title;
}

export function localizeImport<R extends TraceImportResult | AzureImportResult>(r: R): R {
  if (r.ok || workerLang() === 'en') return r;
  return { ...r, title: localizeTitle(r.title), errors: r.errors.map(localizeMessage) };
}

/** A failed command's `error` (a denial, a bad value…) in the console's language. */
export function localizeError<R extends { ok: true } | { ok: false; error: string }>(r: R): R {
  if (r.ok || workerLang() === 'en') return r;
  return { ...r, error: localizeMessage(r.error) };
}

/** A failed compute operation's `message` (its denial, say); a success's message stays as it is. */
export function localizeFailure<R extends { ok: boolean; message: string }>(r: R): R {
  if (r.ok || workerLang() === 'en') return r;
  return { ...r, message: localizeMessage(r.message) };
}

/** A/B compare's variant load answers with scenario issues, like a load. */
export function localizeErrors<R extends { ok: true } | { ok: false; errors: ScenarioIssue[] }>(r: R): R {
  if (r.ok || workerLang() === 'en') return r;
  return { ...r, errors: localizeIssues(r.errors) };
}
