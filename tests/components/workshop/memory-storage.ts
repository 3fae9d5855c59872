/** A Storage in memory, for modules that keep state in localStorage. */
export class MemoryStorage implements Storage {
  readonly #items = new Map<string, string>();
  refuseWrites = false;

  get length(): number {
    return this.#items.size;
  }

  clear(): void {
    this.#items.clear();
  }

  getItem(key: string): string | null {
    return this.#items.get(key) ?? null;
  }

  key(index: number): string | null {
    return [...this.#items.keys()][index] ?? null;
  }

  removeItem(key: string): void {
    this.#items.delete(key);
  }

  setItem(key: string, value: string): void {
    if (this.refuseWrites) throw new DOMException('quota', 'QuotaExceededError');
    this.#items.set(key, value);
  }
}
