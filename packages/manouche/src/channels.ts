/** `manouche/channels`: everything `@manouche/channels` exports, with its session and auth middleware (Channels' `channels.sessions`, `channels.auth`). */
export * from '@manouche/channels';
export * from '@manouche/channels/sessions';
export * from '@manouche/channels/auth';
