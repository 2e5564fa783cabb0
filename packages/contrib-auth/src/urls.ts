import { path } from '@manouche/routing';
import { LoginView, LogoutView } from './views/login-views.js';
import { PasswordChangeDoneView, PasswordChangeView } from './views/password-change-views.js';
import { PasswordResetCompleteView, PasswordResetConfirmView, PasswordResetDoneView, PasswordResetView } from './views/password-reset-views.js';

/**
 * Django's `django.contrib.auth.urls`, named as in Django (login, logout, password_change,
 * password_change_done, password_reset, password_reset_done, password_reset_confirm,
 * password_reset_complete).
 *
 * @example
 * path('accounts/', include('manouche.contrib.auth.urls')),
 */
export const urlpatterns = [
  path('login/', LoginView.asView(), { name: 'login' }),
  path('logout/', LogoutView.asView(), { name: 'logout' }),
  path('password_change/', PasswordChangeView.asView(), { name: 'password_change' }),
  path('password_change/done/', PasswordChangeDoneView.asView(), { name: 'password_change_done' }),
  path('password_reset/', PasswordResetView.asView(), { name: 'password_reset' }),
  path('password_reset/done/', PasswordResetDoneView.asView(), { name: 'password_reset_done' }),
  path('reset/<uidb64>/<token>/', PasswordResetConfirmView.asView(), { name: 'password_reset_confirm' }),
  path('reset/done/', PasswordResetCompleteView.asView(), { name: 'password_reset_complete' }),
];

export default urlpatterns;
