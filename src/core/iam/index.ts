export { authorize, globMatch, resourceName, roleAllows, tenantsOf, isPlatformAdmin, IAM_ACTIONS, TENANT_ROLES, ROLE_ACTIONS, DEFAULT_ADMIN } from './policy';
export type { IamAction, Role, TenantRole, Principal, PrincipalKind, RoleBinding, PolicyStatement, Resource, Decision, DecisionKind, DecisionParams } from './policy';
export { AuditTrail } from './audit';
export type { AuditEntry } from './audit';
export { IamRuntime } from './runtime';
export type { IamHost, IamAttempt, IamSummary, IamParams } from './runtime';
export { knownTenants } from './schema';
export type { PrincipalSpec, IamActionSpec } from './schema';
