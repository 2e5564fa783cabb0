// The README's login example: a consumer that signs users in and out over the socket (run by test/auth-login.test.ts).
import { login, logout } from '@manouche/channels/auth';
import { JsonWebsocketConsumer } from '@manouche/channels';
import { authenticate } from '@manouche/contrib-auth';
import type { SessionStore } from '@manouche/contrib-sessions';

type Request = { action: 'login'; username: string; password: string } | { action: 'logout' } | { action: 'whoami' };

export class AccountConsumer extends JsonWebsocketConsumer {
  override async receiveJson(content: Request) {
    const session = this.scope.session as SessionStore;
    if (content.action === 'login') {
      const user = await authenticate(null, { username: content.username, password: content.password });
      if (!user) return this.sendJson({ user: null, error: 'wrong username or password' });
      await login(this.scope, user); // a new session key holding the user; scope.user is the user
      await session.save(); // as in Channels, saving is the consumer's job
    } else if (content.action === 'logout') {
      await logout(this.scope); // the stored session is deleted; scope.user is an AnonymousUser
      await session.save();
    }
    const user = this.scope.user as { isAuthenticated: boolean; getUsername(): string };
    await this.sendJson({ user: user.isAuthenticated ? user.getUsername() : null, sessionKey: session.sessionKey });
  }
}
