// Building blocks of the run-config schema. The schema itself lives in configSchema.ts; the
// TypeScript type of a resolved config is derived from it here, so the two cannot drift.

interface FieldDocs {
  /** One or two sentences shown on hover, in completion and in the README table. */
  readonly doc: string;
  /** Unit of a numeric value, such as "epochs" or "samples". */
  readonly unit?: string;
  /** Setting used by the MMPareto reference implementation, where one exists. */
  readonly reference?: string;
  /** Dataset kinds or methods this field applies to, shown in docs; validation still checks it everywhere. */
  readonly appliesTo?: string;
}

export interface NumberField extends FieldDocs {
  readonly kind: 'number';
  readonly default: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
}

export interface IntegerField extends FieldDocs {
  readonly kind: 'integer';
  readonly default: number;
  readonly minimum?: number;
  readonly maximum?: number;
}

export interface StringField extends FieldDocs {
  readonly kind: 'string';
  readonly default?: string;
  /** Regular expression source the value must match in full. */
  readonly pattern?: string;
  readonly patternDescription?: string;
  /** A path, resolved against the folder of the config file. */
  readonly isPath?: boolean;
}

export interface BooleanField extends FieldDocs {
  readonly kind: 'boolean';
  readonly default: boolean;
}

export interface EnumField<V extends string = string> extends EnumFieldOptions<V> {
  readonly kind: 'enum';
}

/** An EnumField without its kind, the argument of the enumField helper. */
export interface EnumFieldOptions<V extends string> extends FieldDocs {
  readonly values: readonly V[];
  readonly valueDocs: { readonly [K in V]: string };
  readonly default: V;
}

export interface IntegerListField extends FieldDocs {
  readonly kind: 'integer-list';
  readonly default: readonly number[];
  readonly itemMinimum: number;
  readonly itemMaximum: number;
  readonly minItems: number;
  readonly maxItems: number;
}

export interface ObjectField<F extends FieldMap = FieldMap> extends FieldDocs {
  readonly kind: 'object';
  readonly fields: F;
}

export interface ObjectListField<F extends FieldMap = FieldMap> extends FieldDocs {
  readonly kind: 'object-list';
  readonly item: ObjectField<F>;
  /** The list used when the config leaves it empty or out; the dataset can also fill it in. */
  readonly default: readonly [];
  readonly maxItems: number;
}

export type FieldSpec =
  | NumberField
  | IntegerField
  | StringField
  | BooleanField
  | EnumField
  | IntegerListField
  | ObjectField
  | ObjectListField;

export interface FieldMap {
  readonly [key: string]: FieldSpec;
}

/** The value type of a field once the config is resolved. */
export type ValueOf<S> = S extends NumberField | IntegerField
  ? number
  : S extends StringField
    ? S extends { readonly default: string }
      ? string
      : string | undefined
    : S extends BooleanField
      ? boolean
      : S extends EnumField<infer V>
        ? V
        : S extends IntegerListField
          ? number[]
          : S extends ObjectListField<infer F>
            ? Array<ValuesOf<F>>
            : S extends ObjectField<infer F>
              ? ValuesOf<F>
              : never;

export type ValuesOf<F extends FieldMap> = { [K in keyof F]: ValueOf<F[K]> };
