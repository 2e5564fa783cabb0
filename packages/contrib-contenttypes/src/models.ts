import { fields, Manager, Model, registeredModels, type ModelClass } from '@manouche/orm';

/** A model class or one of its instances. */
type ModelLike = Pick<ModelClass, '_meta'> | Model;

function metaOf(model: ModelLike): ModelClass['_meta'] {
  return model instanceof Model ? (model.constructor as unknown as ModelClass)._meta : model._meta;
}

/**
 * `ContentType.objects`: content types by model, cached per database (Django's
 * ContentTypeManager). The cache lives as long as the process; `clearCache()` empties it.
 *
 * @example
 * const type = await ContentType.objects.getByNaturalKey('blog', 'post');
 * ContentType.objects.clearCache(); // after flushing the database in a test
 */
export class ContentTypeManager extends Manager<ContentType> {
  private readonly cache = new Map<string, ContentType>();

  private key(using: string, appLabel: string, model: string): string {
    return `${using}\u0000${appLabel}\u0000${model}`;
  }

  /**
   * The content type of a model class or instance, created when missing.
   *
   * @example
   * const type = await ContentType.objects.getForModel(Post); // appLabel 'blog', model 'post'
   */
  async getForModel(model: ModelLike, options: { using?: string } = {}): Promise<ContentType> {
    const meta = metaOf(model);
    return this.getByNaturalKey(meta.appLabel, meta.modelName, { ...options, create: true });
  }

  /** Content types of several models at once, keyed by the given classes' `app_label.model`. */
  async getForModels(models: readonly ModelLike[], options: { using?: string } = {}): Promise<Map<string, ContentType>> {
    const result = new Map<string, ContentType>();
    for (const model of models) {
      const meta = metaOf(model);
      result.set(`${meta.appLabel}.${meta.modelName}`, await this.getForModel(model, options));
    }
    return result;
  }

  /** The content type `appLabel.model`; missing → ContentType.DoesNotExist unless `create`. */
  async getByNaturalKey(appLabel: string, model: string, options: { using?: string; create?: boolean } = {}): Promise<ContentType> {
    const using = options.using ?? 'default';
    const key = this.key(using, appLabel, model);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const queryset = this.getQueryset().using(using);
    const found = options.create ? (await queryset.getOrCreate({ appLabel, model }))[0] : await queryset.get({ appLabel, model });
    this.cache.set(key, found);
    return found;
  }

  /** The content type with primary key `id` (cached). */
  async getForId(id: number | bigint, options: { using?: string } = {}): Promise<ContentType> {
    const using = options.using ?? 'default';
    for (const [key, type] of this.cache) if (key.startsWith(`${using}\u0000`) && String(type.pk) === String(id)) return type;
    const found = await this.getQueryset()
      .using(using)
      .get({ id: Number(id) });
    this.cache.set(this.key(using, found.appLabel, found.model), found);
    return found;
  }

  /** Forgets every cached content type (after rows were deleted or the database was rebuilt). */
  clearCache(): void {
    this.cache.clear();
  }
}

/**
 * One row per installed model (Django's ContentType, table `django_content_type`): what
 * permissions and generic relations point at.
 *
 * @example
 * const type = await ContentType.objects.getForModel(Post);
 * type.modelClass() === Post; // true
 */
export class ContentType extends Model.define(
  {
    appLabel: fields.char({ maxLength: 100, dbColumn: 'app_label' }),
    model: fields.char({ maxLength: 100, verboseName: 'python model class name' }),
  },
  { dbTable: 'django_content_type', uniqueTogether: [['appLabel', 'model']], verboseName: 'content type', verboseNamePlural: 'content types' },
) {
  static override objects = new ContentTypeManager(this);

  /** The model's verbose name when it is installed, else `model`. */
  get name(): string {
    return this.modelClass()?._meta.verboseName ?? this.model;
  }

  /** The installed model class this row stands for, or undefined when it is gone. */
  modelClass(): ModelClass | undefined {
    return registeredModels(this.appLabel).find((candidate) => candidate._meta.modelName === this.model);
  }

  /** Django's natural key, `[appLabel, model]`: what fixtures write instead of the id (`dumpdata --natural-foreign`). */
  naturalKey(): [string, string] {
    return [this.appLabel, this.model];
  }

  override toString(): string {
    return `${this.appLabel} | ${this.name}`;
  }
}
