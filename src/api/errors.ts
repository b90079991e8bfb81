import { aggregateMessage, errorBody, type FieldError } from './field-errors.ts';

/** The reasons of metav1.Status this engine produces. */
export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'Forbidden'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'UnsupportedMediaType'
  | 'InternalError';

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

/** A metav1.Status failure, as the API server returns it. */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: StatusReason;
  details?: { name?: string; group?: string; kind?: string; causes?: StatusCause[] };
  code: number;
}

const CODES: Record<StatusReason, number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
  BadRequest: 400,
  Forbidden: 403,
  MethodNotAllowed: 405,
  NotAcceptable: 406,
  UnsupportedMediaType: 415,
  InternalError: 500,
};

/** An API error carrying its Status (apimachinery's StatusError). */
export class StatusError extends Error {
  readonly status: Status;
  /** The field errors behind an Invalid status. */
  readonly fieldErrors: readonly FieldError[];

  constructor(reason: StatusReason, message: string, details?: Status['details'], fieldErrors: readonly FieldError[] = []) {
    super(message);
    this.status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details, code: CODES[reason] };
    this.fieldErrors = fieldErrors;
  }

  get reason(): StatusReason {
    return this.status.reason;
  }

  /** A copy whose message is prefixed, as kubectl's AddSourceToErr does. */
  withMessage(message: string): StatusError {
    return new StatusError(this.reason, message, this.status.details, this.fieldErrors);
  }
}

/** Group-qualified resource as it appears in messages: `pods`, `replicasets.apps`. */
export interface GroupResource {
  resource: string;
  group: string;
}

function qualified(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

/** `pods "x" not found` */
export function notFoundError(gr: GroupResource, name: string): StatusError {
  return new StatusError('NotFound', `${qualified(gr)} "${name}" not found`, { name, group: gr.group, kind: gr.resource });
}

/** `replicasets.apps "x" already exists` */
export function alreadyExistsError(gr: GroupResource, name: string): StatusError {
  return new StatusError('AlreadyExists', `${qualified(gr)} "${name}" already exists`, { name, group: gr.group, kind: gr.resource });
}

/** The optimistic-concurrency conflict. */
export function conflictError(gr: GroupResource, name: string, detail = 'the object has been modified; please apply your changes to the latest version and try again'): StatusError {
  return new StatusError('Conflict', `Operation cannot be fulfilled on ${qualified(gr)} "${name}": ${detail}`, { name, group: gr.group, kind: gr.resource });
}

export function badRequestError(message: string): StatusError {
  return new StatusError('BadRequest', message);
}

/** metav1.CauseType for each field error type. */
const CAUSE_TYPES: Record<FieldError['type'], string> = {
  'Not found': 'FieldValueNotFound',
  'Required value': 'FieldValueRequired',
  'Duplicate value': 'FieldValueDuplicate',
  'Invalid value': 'FieldValueInvalid',
  'Unsupported value': 'FieldValueNotSupported',
  Forbidden: 'FieldValueForbidden',
  'Too long': 'FieldValueTooLong',
  'Too many': 'FieldValueTooMany',
  'Internal error': 'InternalError',
};

/**
 * errors.NewInvalid: `ReplicaSet.apps "x" is invalid: <aggregate>`, the aggregate de-duplicated
 * by text (ToAggregate), with one cause per field error (not de-duplicated).
 */
export function invalidError(kind: { kind: string; group: string }, name: string, errs: readonly FieldError[]): StatusError {
  const qk = kind.group ? `${kind.kind}.${kind.group}` : kind.kind;
  const aggregate = aggregateMessage(errs);
  const causes = errs.map((e) => ({ reason: CAUSE_TYPES[e.type], message: errorBody(e), field: e.field }));
  const message = aggregate ? `${qk} "${name}" is invalid: ${aggregate}` : `${qk} "${name}" is invalid`;
  return new StatusError('Invalid', message, { name, group: kind.group, kind: kind.kind, causes }, errs);
}
