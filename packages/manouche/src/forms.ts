/** `manouche/forms`: everything `@manouche/forms` exports (Form, ModelForm, fields, widgets). */
export * from '@manouche/forms';
