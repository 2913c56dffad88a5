/** Reads the environment for loadConfig, collecting every problem (and development warning) instead of stopping at the first. */
export class EnvReader {
  readonly problems: string[] = [];
  readonly warnings: string[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** The trimmed value; unset and blank are the same. */
  get(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  /** A whole number within bounds; the fallback when unset, or (with a problem) when out of bounds. */
  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.get(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  /** true/false (or 1/0); the fallback when unset, or (with a problem) when it is neither. */
  bool(name: string, fallback: boolean): boolean {
    const raw = this.get(name);
    if (raw === undefined) return fallback;
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  /** `value` (the setting `name`) as a URL with one of `protocols`, or null with a problem. */
  url(name: string, value: string, protocols: string[]): URL | null {
    try {
      const url = new URL(value);
      if (!protocols.includes(url.protocol)) {
        this.problems.push(`${name} must use ${protocols.join(' or ')} (got "${url.protocol}")`);
        return null;
      }
      return url;
    } catch {
      this.problems.push(`${name} is not a valid URL: "${value}"`);
      return null;
    }
  }
}
