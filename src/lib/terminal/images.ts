/**
 * The images the terminal's Docker knows: those it built (`docker build -t`) and those it pulled
 * from the catalog (`docker pull`, or `docker run` of an image not yet here), by ID and by tag. A
 * tag moved to a new build leaves the old image dangling (`<none>`), as Docker does.
 */
import type { StageResult } from '../build/result.ts';
import { contentDigest } from '../fs/content.ts';
import { parseReference } from '../images/reference.ts';

export interface StoredImage {
  /** `sha256:` and 64 hex digits, derived from what the image holds (simulated, not a real digest). */
  readonly id: string;
  /** The built stage, trees and all. */
  readonly stage: StageResult;
  /** When it was built or pulled, in milliseconds. */
  readonly created: number;
  /** For a pulled image: the catalog reference it came from. */
  readonly pulled?: string;
}

/** How many images are kept: the oldest untagged ones go first. */
const IMAGE_LIMIT = 40;

/** `sha256:` + 64 hex digits from any text: four FNV digests with different salts. */
export function simulatedDigest(text: string): string {
  return `sha256:${[0, 1, 2, 3].map((salt) => contentDigest(`${salt}:${text}`)).join('')}`;
}

export type ReferenceCheck =
  | { readonly ok: true; readonly name: string; readonly repository: string; readonly tag: string }
  /** Docker's two complaints: upper-case letters in the repository, or any other malformed name. */
  | { readonly ok: false; readonly reason: 'lowercase' | 'format' };

/** A tag as `docker build -t` and `docker tag` accept it, normalised to `repository:tag`. */
export function checkReference(text: string): ReferenceCheck {
  const parsed = parseReference(text);
  if (!parsed || parsed.digest) {
    return { ok: false, reason: parseReference(text.toLowerCase()) ? 'lowercase' : 'format' };
  }
  return {
    ok: true,
    name: `${parsed.repository}:${parsed.tag}`,
    repository: parsed.repository,
    tag: parsed.tag,
  };
}

export class ImageStore {
  private readonly images = new Map<string, StoredImage>();
  private readonly tags = new Map<string, string>();

  /** Adds an image (or refreshes one with the same ID) and points `names` at it. */
  add(image: StoredImage, names: readonly string[] = []): void {
    this.images.set(image.id, image);
    for (const name of names) this.tags.set(name, image.id);
    this.prune();
  }

  tag(name: string, id: string): void {
    this.tags.set(name, id);
  }

  /** Removes a tag; the image goes when no tag is left. Returns the image ID it untagged. */
  untag(name: string): string | undefined {
    const id = this.tags.get(name);
    if (id === undefined) return undefined;
    this.tags.delete(name);
    return id;
  }

  remove(id: string): void {
    this.images.delete(id);
    for (const [name, target] of this.tags) if (target === id) this.tags.delete(name);
  }

  /** An image by name (`app`, `app:v1`, `docker.io/library/app`) or by ID (any unique prefix). */
  find(reference: string): { image: StoredImage; name?: string } | undefined {
    const checked = checkReference(reference);
    if (checked.ok) {
      const id = this.tags.get(checked.name);
      const image = id === undefined ? undefined : this.images.get(id);
      if (image) return { image, name: checked.name };
    }
    const hex = reference.replace(/^sha256:/, '');
    if (/^[0-9a-f]{1,64}$/.test(hex)) {
      const matches = [...this.images.values()].filter((image) => image.id.slice(7).startsWith(hex));
      if (matches.length === 1 && matches[0]) return { image: matches[0] };
    }
    return undefined;
  }

  /** The names pointing at an image, in the order they were given. */
  namesOf(id: string): string[] {
    return [...this.tags].filter(([, target]) => target === id).map(([name]) => name);
  }

  /** Every image, newest first, with its names (none for a dangling one). */
  list(): { image: StoredImage; names: string[] }[] {
    return [...this.images.values()]
      .sort((a, b) => b.created - a.created)
      .map((image) => ({ image, names: this.namesOf(image.id) }));
  }

  /** Every name, for tab completion. */
  names(): string[] {
    return [...this.tags.keys()];
  }

  private prune(): void {
    if (this.images.size <= IMAGE_LIMIT) return;
    const oldest = [...this.images.values()].sort(
      (a, b) =>
        Number(this.namesOf(a.id).length > 0) - Number(this.namesOf(b.id).length > 0) ||
        a.created - b.created,
    );
    for (const image of oldest.slice(0, this.images.size - IMAGE_LIMIT)) this.remove(image.id);
  }
}
