/** Every error the admin app raises, each with a stable code. */

/** A model was registered twice on one AdminSite (Django's AlreadyRegistered). */
export class AlreadyRegistered extends Error {
  readonly code = 'MANOUCHE_ADMIN_ALREADY_REGISTERED';
  constructor(message: string) {
    super(message);
    this.name = 'AlreadyRegistered';
  }
}

/** A model that is not registered was unregistered or looked up (Django's NotRegistered). */
export class NotRegistered extends Error {
  readonly code = 'MANOUCHE_ADMIN_NOT_REGISTERED';
  constructor(message: string) {
    super(message);
    this.name = 'NotRegistered';
  }
}

/** ModelAdmin options that cannot work (an unknown field in listDisplay…); `manouche check` reports the same with admin.E0xx ids. */
export class AdminConfigurationError extends Error {
  readonly code = 'MANOUCHE_ADMIN_IMPROPERLY_CONFIGURED';
  constructor(message: string) {
    super(message);
    this.name = 'AdminConfigurationError';
  }
}
