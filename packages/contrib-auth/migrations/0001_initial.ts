import { defineMigration, ops } from '@manouche/migrations';

export default defineMigration({
  initial: true,
  dependencies: [['contenttypes', '0001_initial']],
  operations: [
    ops.createModel({
      name: 'Permission',
      table: 'auth_permission',
      fields: {
        id: { type: 'auto', primaryKey: true, verboseName: 'ID' },
        name: { type: 'char', maxLength: 255 },
        contentType: {
          type: 'foreignKey',
          column: 'content_type_id',
          to: 'contenttypes.ContentType',
          onDelete: 'CASCADE',
          verboseName: 'content type',
        },
        codename: { type: 'char', maxLength: 100 },
      },
      options: {
        ordering: ['contentType__appLabel', 'contentType__model', 'codename'],
        uniqueTogether: [['contentType', 'codename']],
        verboseName: 'permission',
        verboseNamePlural: 'permissions',
      },
    }),
    ops.createModel({
      name: 'Group',
      table: 'auth_group',
      fields: {
        id: { type: 'auto', primaryKey: true, verboseName: 'ID' },
        name: { type: 'char', maxLength: 150, unique: true },
        permissions: {
          type: 'manyToMany',
          to: 'auth.Permission',
          blank: true,
          joinTable: { table: 'auth_group_permissions', sourceColumn: 'group_id', targetColumn: 'permission_id' },
        },
      },
      options: { verboseName: 'group', verboseNamePlural: 'groups' },
    }),
    ops.createModel({
      name: 'User',
      table: 'auth_user',
      fields: {
        id: { type: 'auto', primaryKey: true, verboseName: 'ID' },
        password: { type: 'char', maxLength: 128, verboseName: 'password' },
        lastLogin: { type: 'dateTime', column: 'last_login', null: true, blank: true, verboseName: 'last login' },
        isSuperuser: {
          type: 'boolean',
          column: 'is_superuser',
          default: false,
          helpText: 'Designates that this user has all permissions without explicitly assigning them.',
          verboseName: 'superuser status',
        },
        username: {
          type: 'char',
          maxLength: 150,
          unique: true,
          helpText: 'Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only.',
        },
        firstName: {
          type: 'char',
          column: 'first_name',
          maxLength: 150,
          blank: true,
          default: '',
          verboseName: 'first name',
        },
        lastName: {
          type: 'char',
          column: 'last_name',
          maxLength: 150,
          blank: true,
          default: '',
          verboseName: 'last name',
        },
        email: { type: 'email', maxLength: 254, blank: true, default: '', verboseName: 'email address' },
        isStaff: {
          type: 'boolean',
          column: 'is_staff',
          default: false,
          helpText: 'Designates whether the user can log into this admin site.',
          verboseName: 'staff status',
        },
        isActive: {
          type: 'boolean',
          column: 'is_active',
          default: true,
          helpText: 'Designates whether this user should be treated as active. Unselect this instead of deleting accounts.',
          verboseName: 'active',
        },
        dateJoined: { type: 'dateTime', column: 'date_joined', hasCallableDefault: true, verboseName: 'date joined' },
        groups: {
          type: 'manyToMany',
          to: 'auth.Group',
          blank: true,
          joinTable: { table: 'auth_user_groups', sourceColumn: 'user_id', targetColumn: 'group_id' },
        },
        userPermissions: {
          type: 'manyToMany',
          to: 'auth.Permission',
          blank: true,
          joinTable: { table: 'auth_user_user_permissions', sourceColumn: 'user_id', targetColumn: 'permission_id' },
        },
      },
      // Django's swappable: no auth_user table while AUTH_USER_MODEL names another model.
      options: { verboseName: 'user', verboseNamePlural: 'users', swappable: 'AUTH_USER_MODEL' },
    }),
  ],
});
