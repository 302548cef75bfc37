-- The roles and their default permissions. The security administrator edits role_permission.
insert into app_role (code, data_scope, admin_duty) values
    ('SYSTEM_ADMIN', 'ALL', true),
    ('SECURITY_ADMIN', 'ALL', true),
    ('AUDIT_ADMIN', 'ALL', true),
    ('PROVINCE_OFFICE', 'ALL', false),
    ('CITY_OFFICE', 'CITY', false),
    ('CITY_LEADER', 'CITY', false),
    ('UNIT_LIAISON', 'UNIT_AND_BELOW', false),
    ('INSPECTOR', 'CITY', false),
    ('SUPERVISOR', 'NONE', false);

insert into role_permission (role_code, permission) values
    ('SYSTEM_ADMIN', 'user:read'),
    ('SYSTEM_ADMIN', 'user:write'),
    ('SYSTEM_ADMIN', 'system:monitor'),
    ('SECURITY_ADMIN', 'user:read'),
    ('SECURITY_ADMIN', 'role:assign'),
    ('SECURITY_ADMIN', 'role:edit'),
    ('AUDIT_ADMIN', 'audit:read'),
    ('AUDIT_ADMIN', 'audit:verify'),
    ('PROVINCE_OFFICE', 'unit:read'),
    ('CITY_OFFICE', 'unit:read'),
    ('CITY_OFFICE', 'unit:write'),
    ('CITY_OFFICE', 'unit:import'),
    ('CITY_OFFICE', 'user:read'),
    ('CITY_LEADER', 'unit:read'),
    ('CITY_LEADER', 'instruction:write'),
    ('UNIT_LIAISON', 'unit:read'),
    ('INSPECTOR', 'unit:read');
