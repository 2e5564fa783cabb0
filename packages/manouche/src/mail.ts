/** `manouche/mail`: everything `@manouche/mail` exports (`import * as mail from 'manouche/mail'`; `mail.outbox` in tests). */
export * from '@manouche/mail';
