/** One colour per tenant, by its position in the scenario's tenant list (display only). */
export const TENANT_COLORS = ['#2563eb', '#f59e0b', '#16a34a', '#7c3aed', '#db2777', '#0891b2', '#65a30d', '#ea580c'];

export function tenantColor(index: number): string {
  return TENANT_COLORS[((index % TENANT_COLORS.length) + TENANT_COLORS.length) % TENANT_COLORS.length]!;
}
