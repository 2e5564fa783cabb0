// examples/users-admin.ts — the README's users example, run by test/readme-users-example.test.ts
import { admin, userAdminOptions } from '@manouche/contrib-admin';
import { User } from '@manouche/contrib-auth';

// blog/admin.ts: the admin app's ready() registered User with Django's UserAdmin options;
// this project replaces that registration, keeping the password pages, to show the last login too.
admin.site.unregister(User);
admin.site.register(User, {
  ...userAdminOptions,
  listDisplay: ['username', 'email', 'isStaff', 'lastLogin'],
  listFilter: ['isStaff', 'isActive', 'lastLogin'],
});
