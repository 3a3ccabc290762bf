/** The audit trail as text for `npm run sim -- <scenario> --audit`: one line per attempt, then the totals. */
import { formatDuration, type IamSummary } from '../core/index';

export function auditText(iam: IamSummary): string {
  const lines = iam.audit.map((e) => {
    const verdict = e.allowed ? 'ALLOW' : 'DENY ';
    const result = e.result !== undefined ? ` → ${e.result}` : '';
    return `${formatDuration(e.time).padStart(9)}  ${verdict} ${e.principal.padEnd(16)} ${e.action.padEnd(16)} ${e.resource.padEnd(40)} ${e.rule}${result}`;
  });
  lines.push(`${iam.audit.length} attempts: ${iam.allowed} allowed, ${iam.denied} denied (${iam.crossTenantDenied} cross-tenant)${iam.dropped > 0 ? `; ${iam.dropped} further entries not kept` : ''}`);
  return lines.join('\n');
}
