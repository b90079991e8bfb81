import type { KeyToPath, Volume, VolumeMount } from 'kubernetes-types/core/v1.js';
import { duplicate, forbidden, invalid, notFound, notSupported, required, type FieldError } from '../field-errors.ts';
import { tryParseQuantity } from '../quantity.ts';
import { dns1123LabelErrors } from './names.ts';

/**
 * Volume checks (pkg/apis/core/validation/validation.go ValidateVolumes, validateVolumeSource,
 * ValidateVolumeMounts), for the sources this engine models; other sources are counted (only one
 * per volume) but their fields are not checked.
 */

/**
 * The volume sources in the order validateVolumeSource visits them, with the path segment its
 * "more than 1 volume type" error uses (upstream spells two of them unlike the JSON field).
 */
const SOURCES: [field: string, errorPath: string][] = [
  ['emptyDir', 'emptyDir'], ['hostPath', 'hostPath'], ['gitRepo', 'gitRepo'], ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'], ['secret', 'secret'], ['nfs', 'nfs'], ['iscsi', 'iscsi'], ['glusterfs', 'glusterfs'],
  ['flocker', 'flocker'], ['persistentVolumeClaim', 'persistentVolumeClaim'], ['rbd', 'rbd'], ['cinder', 'cinder'], ['cephfs', 'cephFS'],
  ['quobyte', 'quobyte'], ['downwardAPI', 'downwarAPI'], ['fc', 'fc'], ['flexVolume', 'flexVolume'], ['configMap', 'configMap'],
  ['azureFile', 'azureFile'], ['vsphereVolume', 'vsphereVolume'], ['photonPersistentDisk', 'photonPersistentDisk'],
  ['portworxVolume', 'portworxVolume'], ['azureDisk', 'azureDisk'], ['storageos', 'storageos'], ['projected', 'projected'],
  ['scaleIO', 'scaleIO'], ['csi', 'csi'], ['ephemeral', 'ephemeral'], ['image', 'image'],
];

const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];
const FILE_MODE_MESSAGE = 'must be a number between 0 and 0777 (octal), both inclusive';

/** ValidateVolumes: the errors, and the names of the volumes that passed (what mounts may refer to). */
export function validateVolumes(volumes: readonly Volume[] | undefined, path: string): { names: Set<string>; errs: FieldError[] } {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (volumes ?? []).forEach((vol, i) => {
    const p = `${path}[${i}]`;
    const el = validateVolumeSource(vol, p);
    if (!vol.name) el.push(required(`${p}.name`));
    else for (const msg of dns1123LabelErrors(vol.name)) el.push(invalid(`${p}.name`, vol.name, msg));
    if (names.has(vol.name ?? '')) el.push(duplicate(`${p}.name`, vol.name ?? ''));
    if (el.length === 0) names.add(vol.name);
    else errs.push(...el);
  });
  return { names, errs };
}

function validateVolumeSource(vol: Volume, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const source = vol as unknown as Record<string, unknown>;
  let count = 0;
  for (const [field, errorPath] of SOURCES) {
    const value = source[field];
    if (value === undefined || value === null) continue;
    if (count > 0) {
      errs.push(forbidden(`${path}.${errorPath}`, 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    errs.push(...validateSourceFields(field, value as Record<string, unknown>, `${path}.${field}`));
  }
  if (count === 0) errs.push(required(path, 'must specify a volume type'));
  return errs;
}

function validateSourceFields(field: string, s: Record<string, unknown>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const mode = (key: string, p = path) => {
    const m = s[key] as number | undefined;
    if (m !== undefined && m !== null && (m > 0o777 || m < 0)) errs.push(invalid(`${p}.${key}`, m, FILE_MODE_MESSAGE));
  };
  switch (field) {
    case 'emptyDir': {
      const limit = tryParseQuantity(s.sizeLimit);
      if (limit && limit.sign < 0) errs.push(forbidden(`${path}.sizeLimit`, 'SizeLimit field must be a valid resource quantity'));
      break;
    }
    case 'hostPath': {
      const p = String(s.path ?? '');
      if (!p) {
        errs.push(required(`${path}.path`));
        break;
      }
      errs.push(...noBacksteps(p, `${path}.path`));
      const type = s.type as string | undefined;
      if (type !== undefined && type !== null && !HOST_PATH_TYPES.includes(type)) errs.push(notSupported(`${path}.type`, type, HOST_PATH_TYPES));
      break;
    }
    case 'secret':
      if (!s.secretName) errs.push(required(`${path}.secretName`));
      mode('defaultMode');
      errs.push(...keyToPaths(s.items as KeyToPath[] | undefined, `${path}.items`));
      break;
    case 'configMap':
      if (!s.name) errs.push(required(`${path}.name`));
      mode('defaultMode');
      errs.push(...keyToPaths(s.items as KeyToPath[] | undefined, `${path}.items`));
      break;
    case 'persistentVolumeClaim':
      if (!s.claimName) errs.push(required(`${path}.claimName`));
      break;
    case 'nfs': {
      const p = String(s.path ?? '');
      if (!s.server) errs.push(required(`${path}.server`));
      if (!p) errs.push(required(`${path}.path`));
      if (!p.startsWith('/')) errs.push(invalid(`${path}.path`, p, 'must be an absolute path'));
      break;
    }
    case 'projected':
    case 'downwardAPI':
      mode('defaultMode');
      break;
  }
  return errs;
}

/** validateKeyToPath: key and path required, path relative without `..`, mode in range. */
function keyToPaths(items: readonly KeyToPath[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (items ?? []).forEach((kp, i) => {
    const p = `${path}[${i}]`;
    if (!kp.key) errs.push(required(`${p}.key`));
    if (!kp.path) errs.push(required(`${p}.path`));
    // ValidateLocalNonReservedPath: relative, no `..`, not starting with `..`.
    if (kp.path) {
      if (kp.path.startsWith('/')) errs.push(invalid(`${p}.path`, kp.path, 'must be a relative path'));
      errs.push(...noBacksteps(kp.path, `${p}.path`));
      if (kp.path.startsWith('..')) errs.push(invalid(`${p}.path`, kp.path, "must not start with '..'"));
    }
    if (kp.mode !== undefined && (kp.mode > 0o777 || kp.mode < 0)) errs.push(invalid(`${p}.mode`, kp.mode, FILE_MODE_MESSAGE));
  });
  return errs;
}

/** validatePathNoBacksteps: one error however many `..` elements. */
function noBacksteps(p: string, path: string): FieldError[] {
  return p.split('/').includes('..') ? [invalid(path, p, "must not contain '..'")] : [];
}

/**
 * ValidateVolumeMounts: name required and declared (both errors for an empty name), mountPath
 * required and unique within the container, subPath relative.
 */
export function validateVolumeMounts(mounts: readonly VolumeMount[] | undefined, volumes: ReadonlySet<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const mountPoints = new Set<string>();
  (mounts ?? []).forEach((m, i) => {
    const p = `${path}[${i}]`;
    if (!m.name) errs.push(required(`${p}.name`));
    if (!volumes.has(m.name ?? '')) errs.push(notFound(`${p}.name`, m.name ?? ''));
    if (!m.mountPath) errs.push(required(`${p}.mountPath`));
    if (mountPoints.has(m.mountPath ?? '')) errs.push(invalid(`${p}.mountPath`, m.mountPath ?? '', 'must be unique'));
    mountPoints.add(m.mountPath ?? '');
    // validateLocalDescendingPath reports against the list's path, not the item's (upstream's choice).
    if (m.subPath) {
      if (m.subPath.startsWith('/')) errs.push(invalid(`${path}.subPath`, m.subPath, 'must be a relative path'));
      errs.push(...noBacksteps(m.subPath, `${path}.subPath`));
    }
  });
  return errs;
}
