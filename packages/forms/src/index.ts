/** Forms: define one with `Form.define({ … })`. */
export { Form, BaseForm, NON_FIELD_ERRORS, type FormOptions, type FormClass, type DeclaredFields, type CleanedData } from './form.js';
/** The field constructors (`forms.char()`, `forms.email()`, …). */
export { forms, type Optional } from './field-factories.js';
/** Field classes, for subclassing and `instanceof`. */
export { Field, isEmptyValue, type FieldOptions, type FieldValidator } from './fields/field.js';
export {
  CharField,
  EmailField,
  URLField,
  SlugField,
  RegexField,
  UUIDField,
  isValidEmail,
  type CharFieldOptions,
  type URLFieldOptions,
  type SlugFieldOptions,
  type RegexFieldOptions,
} from './fields/text-fields.js';
export { IntegerField, FloatField, DecimalField, type NumberFieldOptions, type DecimalFieldOptions } from './fields/number-fields.js';
export {
  BooleanField,
  NullBooleanField,
  ChoiceField,
  TypedChoiceField,
  MultipleChoiceField,
  TypedMultipleChoiceField,
  type ChoiceFieldOptions,
  type TypedChoiceFieldOptions,
  type TypedMultipleChoiceFieldOptions,
} from './fields/choice-fields.js';
export { MultiValueField, SplitDateTimeField, type MultiValueFieldOptions, type SplitDateTimeFieldOptions } from './fields/multi-value-fields.js';
export { DateField, TimeField, DateTimeField, DurationField, type TemporalFieldOptions } from './fields/temporal-fields.js';
export { JSONField, type JSONFieldOptions } from './fields/json-field.js';
export { FileField, ImageField, type FileFieldOptions, type ImageUpload } from './fields/file-fields.js';
export { ModelChoiceField, ModelMultipleChoiceField, type ModelChoiceFieldOptions, type ModelSource } from './fields/model-choice-fields.js';
/** Widgets. */
export {
  Widget,
  Input,
  TextInput,
  NumberInput,
  EmailInput,
  URLInput,
  PasswordInput,
  HiddenInput,
  MultipleHiddenInput,
  Textarea,
  CheckboxInput,
  type Attrs,
  type WidgetOptions,
  type WidgetContext,
  type WidgetOption,
} from './widgets/widget.js';
export { MultiWidget, type MultiWidgetContext, type MultiWidgetOptions, type SubwidgetContext } from './widgets/multi-widget.js';
export { SelectDateWidget, type SelectDateWidgetOptions } from './widgets/select-date-widget.js';
export {
  ChoiceWidget,
  Select,
  SelectMultiple,
  NullBooleanSelect,
  RadioSelect,
  CheckboxSelectMultiple,
  type ChoiceWidgetOptions,
} from './widgets/choice-widgets.js';
export { DateInput, TimeInput, DateTimeInput, SplitDateTimeWidget, type DateWidgetOptions } from './widgets/date-widgets.js';
export { FileInput, ClearableFileInput, type ClearableFileInputContext, FILE_CLEARED, FILE_INPUT_CONTRADICTION } from './widgets/file-widgets.js';
/** A field bound to a form instance. */
export { BoundField, prettyName } from './bound-field.js';
/** Errors as HTML, text, data and JSON. */
export { ErrorList, ErrorDict, type ErrorListRenderer } from './error-list.js';
/** The renderers (Django's FORM_RENDERER) and Django 5's form templates as functions. */
export {
  FormRenderer,
  TemplatesSetting,
  formRendererFromSettings,
  BUILTIN_TEMPLATES_DIR,
  FORM_TEMPLATE_FILES,
  FIELD_TEMPLATE_FILE,
  ERROR_LIST_TEMPLATE_FILE,
  type FormRendererOptions,
  getDefaultRenderer,
  setDefaultRenderer,
  divForm,
  pForm,
  ulForm,
  tableForm,
  divField,
  type FormTemplate,
  type FieldTemplate,
  type FormRenderContext,
  type LayoutName,
} from './renderer.js';
/** Form and widget assets (CSS and JavaScript). */
export { Media, mergeMediaLists, setMediaStatic, type MediaDefinition, type StaticResolver } from './media.js';
/** Choices. */
export type { ChoiceList, ChoiceEntry, ChoiceValue } from './choices.js';
/** What forms are bound to. */
export type { DataInput, FileInput as FileDataInput, DataSource, FileSource, FormFile } from './form-data.js';
/** Image format and size from the file header. */
export { readImageInfo, type ImageInfo } from './image-info.js';
/** The errors this package raises. */
export { ValidationError, FormsConfigurationError, FormStateError, type ErrorEntry, type ValidationErrorInput } from './errors.js';
/** ModelForm: forms built from models. */
export { ModelForm, type ModelFormMeta, type ModelFormOptions, type ModelFormClass, type ModelCleanedData } from './model-form.js';
/** The objects a relation field offers (its target's, narrowed by limitChoicesTo). */
export { relatedChoices } from './model-fields-to-form.js';
/** Formsets, model formsets and inline formsets. */
export {
  BaseFormSet,
  formsetFactory,
  TOTAL_FORM_COUNT,
  INITIAL_FORM_COUNT,
  MIN_NUM_FORM_COUNT,
  MAX_NUM_FORM_COUNT,
  ORDERING_FIELD_NAME,
  DELETION_FIELD_NAME,
  DEFAULT_MAX_NUM,
  type FormsetOptions,
  type FormsetFactoryOptions,
  type FormsetClass,
  type FormsetForm,
} from './formsets.js';
export {
  BaseModelFormSet,
  BaseInlineFormSet,
  modelFormsetFactory,
  inlineFormsetFactory,
  type ModelFormsetOptions,
  type ModelFormsetFactoryOptions,
  type ModelFormsetClass,
  type InlineFormsetOptions,
  type InlineFormsetFactoryOptions,
  type InlineFormsetClass,
} from './model-formsets.js';
