/**
 * Command-line flags the way cobra/pflag parse them: `--name=value`, `--name value`, `-n value`,
 * `-nvalue`, `-n=value`, grouped booleans (`-it`), `--` ending the flags, and cobra's errors.
 */
export type FlagType = 'bool' | 'string' | 'int' | 'strings';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  default?: string | boolean | number;
}

export class FlagError extends Error {}

export interface ParsedArgs {
  positionals: string[];
  /** Arguments after `--`. */
  rest: string[];
  /** Whether `--` was given. */
  dash: boolean;
  flags: Map<string, string[]>;
}

/** Parses argv against the specs; unknown flags are cobra's `unknown flag` error. */
export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const out: ParsedArgs = { positionals: [], rest: [], dash: false, flags: new Map() };
  const set = (spec: FlagSpec, value: string) => {
    if (spec.type === 'int' && !/^-?\d+$/.test(value)) {
      throw new FlagError(`invalid argument "${value}" for "${spec.short ? `-${spec.short}, ` : ''}--${spec.name}" flag: strconv.ParseInt: parsing "${value}": invalid syntax`);
    }
    if (spec.type === 'bool' && !['true', 'false', '1', '0', 't', 'f', 'TRUE', 'FALSE', 'True', 'False'].includes(value)) {
      throw new FlagError(`invalid argument "${value}" for "${spec.short ? `-${spec.short}, ` : ''}--${spec.name}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`);
    }
    const list = out.flags.get(spec.name) ?? [];
    list.push(value);
    out.flags.set(spec.name, list);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      out.dash = true;
      out.rest = argv.slice(i + 1);
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const spec = byName.get(name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) set(spec, arg.slice(eq + 1));
      else if (spec.type === 'bool') set(spec, 'true');
      else if (i + 1 < argv.length) set(spec, argv[++i]);
      else throw new FlagError(`flag needs an argument: --${name}`);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const c = arg[j];
        const spec = byShort.get(c);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${c}' in ${arg}`);
        if (spec.type === 'bool') {
          if (arg[j + 1] === '=') {
            set(spec, arg.slice(j + 2));
            break;
          }
          set(spec, 'true');
          continue;
        }
        const inline = arg.slice(j + 1);
        if (inline) set(spec, inline.startsWith('=') ? inline.slice(1) : inline);
        else if (i + 1 < argv.length) set(spec, argv[++i]);
        else throw new FlagError(`flag needs an argument: '${c}' in -${c}`);
        break;
      }
      continue;
    }
    out.positionals.push(arg);
  }
  return out;
}

/** Typed access to parsed flags, falling back to spec defaults. */
export class Flags {
  constructor(readonly parsed: ParsedArgs, private readonly specs: readonly FlagSpec[]) {}

  has(name: string): boolean {
    return this.parsed.flags.has(name);
  }

  string(name: string): string | undefined {
    const v = this.parsed.flags.get(name);
    if (v) return v[v.length - 1];
    const d = this.specs.find((s) => s.name === name)?.default;
    return d === undefined ? undefined : String(d);
  }

  bool(name: string): boolean {
    const v = this.string(name);
    return v === 'true' || v === '1' || v === 't' || v === 'TRUE' || v === 'True';
  }

  int(name: string): number | undefined {
    const v = this.string(name);
    return v === undefined ? undefined : Number.parseInt(v, 10);
  }

  /** A repeatable or comma-separated string flag, as pflag's StringSlice. */
  strings(name: string): string[] {
    return (this.parsed.flags.get(name) ?? []).flatMap((v) => v.split(',')).filter((v) => v !== '');
  }
}
