/** The blog's forms: sharing a post by email, and commenting on it. */
import { Form, forms, ModelForm, Textarea } from 'manouche/forms';
import { Comment } from './models.js';

/** "Share this post by email": who you are, whom to send it to, and a note. */
export class EmailPostForm extends Form.define({
  name: forms.char({ maxLength: 25 }),
  email: forms.email(),
  to: forms.email(),
  comments: forms.char({ required: false, widget: Textarea }),
}) {}

/** A comment: name, email and text; the post comes from the URL. */
export class CommentForm extends ModelForm.define(Comment, { fields: ['name', 'email', 'body'] }) {}
