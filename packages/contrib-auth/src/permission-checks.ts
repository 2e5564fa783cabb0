import { getBackends } from './backends.js';
import type { AbstractBaseUser } from './models.js';

function isActiveSuperuser(user: object): boolean {
  const flags = user as { isActive?: boolean; isSuperuser?: boolean };
  return flags.isActive !== false && flags.isSuperuser === true;
}

/** Django's User.has_perm: active superusers have all; else any backend that says yes. */
export async function userHasPerm(user: object, perm: string, obj?: unknown): Promise<boolean> {
  if (isActiveSuperuser(user)) return true;
  for (const [, backend] of getBackends()) {
    if (backend.hasPerm && (await backend.hasPerm(user as AbstractBaseUser, perm, obj))) return true;
  }
  return false;
}

/** Django's User.has_module_perms. */
export async function userHasModulePerms(user: object, appLabel: string): Promise<boolean> {
  if (isActiveSuperuser(user)) return true;
  for (const [, backend] of getBackends()) {
    if (backend.hasModulePerms && (await backend.hasModulePerms(user as AbstractBaseUser, appLabel))) return true;
  }
  return false;
}

/** The union of every backend's permissions of one kind. */
export async function userPermissionSet(user: object, kind: 'user' | 'group' | 'all', obj?: unknown): Promise<Set<string>> {
  const result = new Set<string>();
  for (const [, backend] of getBackends()) {
    const method = kind === 'user' ? backend.getUserPermissions : kind === 'group' ? backend.getGroupPermissions : backend.getAllPermissions;
    if (method) for (const perm of await method.call(backend, user as AbstractBaseUser, obj)) result.add(perm);
  }
  return result;
}
