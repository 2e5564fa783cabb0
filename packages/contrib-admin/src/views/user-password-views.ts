/**
 * The pages auth's UserAdmin adds to the admin: the add form (Django's UserCreationForm: a
 * username and the password twice) and a user's "change password" form (AdminPasswordChangeForm).
 * A password is only ever set through these, hashed by the user's `setPassword`.
 */
import { newPasswordErrors, passwordValidatorsHelpTexts, updateSessionAuthHash, type User } from '@manouche/contrib-auth';
import { HttpResponseRedirect, PermissionDenied, render, type HttpRequest, type HttpResponseBase } from '@manouche/core';
import { ModelForm, type DataSource } from '@manouche/forms';
import { atomic, type Model } from '@manouche/orm';
import { AdminSite } from '../admin-site.js';
import { logAddition, logChange } from '../log-entries.js';
import type { AdminViewContext } from '../options.js';
import { getObjectOr404 } from './change-form-view.js';
import { notify } from './notify.js';

type UserModel = InstanceType<typeof User>;

/** The two password inputs of a form, with their errors. */
interface PasswordPair {
  password: string;
  errors: { password1: string[]; password2: string[] };
}

/**
 * Reads `password1`/`password2` as Django's UserCreationForm and AdminPasswordChangeForm do:
 * both required, then auth's `newPasswordErrors` (equal, not too long, accepted by AUTH_PASSWORD_VALIDATORS for `user`).
 */
async function readPasswordPair(request: HttpRequest, user: Model): Promise<PasswordPair> {
  const post = await request.post();
  const password = post.get('password1') ?? '';
  const confirmation = post.get('password2') ?? '';
  const errors: PasswordPair['errors'] = { password1: [], password2: [] };
  if (password === '') errors.password1.push('This field is required.');
  if (confirmation === '') errors.password2.push('This field is required.');
  if (errors.password1.length || errors.password2.length) return { password, errors };
  errors.password2.push(...(await newPasswordErrors(password, confirmation, user as unknown as Record<string, unknown>)));
  return { password, errors };
}

/** What both pages' templates need besides their form. */
function pageContext(context: AdminViewContext<Model>) {
  const { site, modelAdmin: ma, request } = context;
  const { appLabel, modelName } = ma.opts;
  const names = AdminSite.titleOf(ma);
  return {
    ...site.eachContext(request),
    opts: { appLabel, modelName, appName: ma.appVerboseName(request), verboseName: ma.opts.verboseName, plural: names.plural },
    appUrl: site.reverse('app_list', [], { app_label: appLabel }),
    changelistUrl: site.reverse(`${appLabel}_${modelName}_changelist`),
    passwordHelpTexts: passwordValidatorsHelpTexts(),
  };
}

const creationForms = new WeakMap<object, typeof ModelForm>();

/** The username part of UserCreationForm: the model's own field, with its validators and uniqueness check. */
function usernameFormClass(model: object): typeof ModelForm {
  let formClass = creationForms.get(model);
  if (!formClass) {
    formClass = ModelForm.define(model as never, { fields: ['username'] as never[] }) as unknown as typeof ModelForm;
    creationForms.set(model, formClass);
  }
  return formClass;
}

/**
 * `admin/auth/user/add/`: username, password, password confirmation. A new user is saved with the
 * password hashed, then (Django's UserAdmin.response_add) the change page opens so the rest can be filled in.
 */
export async function userAddView<M extends Model>(viewContext: AdminViewContext<M>): Promise<HttpResponseBase> {
  const context = viewContext as unknown as AdminViewContext<Model>;
  const { site, modelAdmin: ma, request } = context;
  const FormClass = usernameFormClass(ma.model) as unknown as new (options: object) => ModelForm;
  const render_ = (form: ModelForm, errors: PasswordPair['errors']) => {
    const errorCount = (form.isBound ? form.errors.size : 0) + (errors.password1.length ? 1 : 0) + (errors.password2.length ? 1 : 0);
    return render(request, ['admin/auth/user/add_form.html'], {
      ...pageContext(context),
      title: `Add ${ma.opts.verboseName}`,
      subtitle: null,
      username: form.get('username' as never),
      usernameErrors: form.isBound ? [...form.get('username' as never).errors].map(String) : [],
      passwordErrors: errors,
      errorCount,
      canAddAnother: true,
    });
  };
  if (request.method !== 'POST') return render_(new FormClass({}), { password1: [], password2: [] });
  const form = new FormClass({ data: (await request.post()) as unknown as DataSource });
  const formValid = await form.isValid();
  // The validators compare the password with the username being created (UserAttributeSimilarityValidator).
  const pair = await readPasswordPair(request, form.instance as Model);
  if (!formValid || pair.errors.password1.length || pair.errors.password2.length) return render_(form, pair.errors);
  const user = await atomic(async () => {
    await (form.instance as unknown as UserModel).setPassword(pair.password);
    const saved = (await form.save()) as Model;
    await logAddition(request, saved);
    return saved;
  });
  const { appLabel, modelName } = ma.opts;
  const done = `The ${ma.opts.verboseName} “${String(user)}” was added successfully.`;
  const say = notify(request);
  if ((await request.post()).has('_addanother')) {
    say(`${done} You may add another ${ma.opts.verboseName} below.`);
    return new HttpResponseRedirect(site.reverse(`${appLabel}_${modelName}_add`));
  }
  if (await ma.hasChangePermission(request, user)) {
    say(`${done} You may edit it again below.`);
    return new HttpResponseRedirect(site.reverse(`${appLabel}_${modelName}_change`, [String(user.pk)]));
  }
  say(done);
  return new HttpResponseRedirect((await ma.hasViewPermission(request)) ? site.reverse(`${appLabel}_${modelName}_changelist`) : site.reverse('index'));
}

/**
 * `admin/auth/user/<id>/password/`: sets a user's password (the change permission on that user is
 * needed). Changing one's own password keeps the session logged in, as Django does.
 */
export async function userChangePasswordView<M extends Model>(viewContext: AdminViewContext<M>, objectId: string): Promise<HttpResponseBase> {
  const context = viewContext as unknown as AdminViewContext<Model>;
  const { site, modelAdmin: ma, request } = context;
  const user = await getObjectOr404(ma, request, objectId);
  if (!(await ma.hasChangePermission(request, user))) throw new PermissionDenied();
  const { appLabel, modelName } = ma.opts;
  const changeUrl = site.reverse(`${appLabel}_${modelName}_change`, [String(user.pk)]);
  let errors: PasswordPair['errors'] = { password1: [], password2: [] };
  if (request.method === 'POST') {
    const pair = await readPasswordPair(request, user);
    errors = pair.errors;
    if (!errors.password1.length && !errors.password2.length) {
      await (user as unknown as UserModel).setPassword(pair.password);
      await user.save();
      await logChange(request, user, ['Password']);
      notify(request)('Password changed successfully.');
      await updateSessionAuthHash(request, user as unknown as UserModel);
      return new HttpResponseRedirect(changeUrl);
    }
  }
  return render(request, ['admin/auth/user/change_password.html'], {
    ...pageContext(context),
    title: `Change password: ${String((user as unknown as { getUsername?: () => string }).getUsername?.() ?? user)}`,
    subtitle: null,
    object: { pk: String(user.pk), repr: String(user) },
    changeUrl,
    passwordErrors: errors,
    errorCount: (errors.password1.length ? 1 : 0) + (errors.password2.length ? 1 : 0),
  });
}
