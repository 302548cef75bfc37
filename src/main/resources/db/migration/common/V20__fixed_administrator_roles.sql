-- 三员: the administrator roles' permissions are fixed in code (Role.fixedPermissions) and no other
-- role may hold a permission of an administrator duty. Bring installations whose policies were
-- edited before this rule back to it, so the policy page shows what the code enforces.
delete from role_permission
where role_code in ('SYSTEM_ADMIN', 'SECURITY_ADMIN', 'AUDIT_ADMIN')
   or permission in ('user:write', 'system:monitor', 'role:assign', 'role:edit', 'audit:read', 'audit:verify');

insert into role_permission (role_code, permission) values
    ('SYSTEM_ADMIN', 'user:read'),
    ('SYSTEM_ADMIN', 'user:write'),
    ('SYSTEM_ADMIN', 'system:monitor'),
    ('SECURITY_ADMIN', 'user:read'),
    ('SECURITY_ADMIN', 'role:assign'),
    ('SECURITY_ADMIN', 'role:edit'),
    ('AUDIT_ADMIN', 'audit:read'),
    ('AUDIT_ADMIN', 'audit:verify');

update app_role set data_scope = 'ALL' where code in ('SYSTEM_ADMIN', 'SECURITY_ADMIN', 'AUDIT_ADMIN');
