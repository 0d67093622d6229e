/** An image reference split the way `POST /images/create` takes it. */
export interface PullTarget {
  /** The repository, with its registry host if any: `fromImage`. */
  fromImage: string;
  /** A tag, or a digest such as `sha256:…`: the `tag` query parameter. */
  tag: string;
}

/**
 * Splits an image reference into repository and tag/digest. A colon only starts a tag after the
 * last slash, so a registry port is not mistaken for one; a digest wins over a tag.
 *
 * @example
 * splitImageRef('127.0.0.1:5000/x/y:1'); // { fromImage: '127.0.0.1:5000/x/y', tag: '1' }
 * splitImageRef('redis@sha256:abc…'); // { fromImage: 'redis', tag: 'sha256:abc…' }
 * splitImageRef('127.0.0.1:5000/x/y'); // { fromImage: '127.0.0.1:5000/x/y', tag: 'latest' }
 */
export function splitImageRef(ref: string): PullTarget {
  const trimmed = ref.trim();
  if (trimmed === '' || /\s/.test(trimmed)) throw new Error(`Invalid image reference "${ref}"`);

  const at = trimmed.indexOf('@');
  if (at !== -1) {
    const digest = trimmed.slice(at + 1);
    if (!/^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/.test(digest)) {
      throw new Error(`Invalid digest in image reference "${ref}"`);
    }
    // name:tag@digest pulls by digest; the tag is only a label for people.
    return { fromImage: withoutTag(trimmed.slice(0, at), ref), tag: digest };
  }

  const lastSlash = trimmed.lastIndexOf('/');
  const colon = trimmed.indexOf(':', lastSlash + 1);
  if (colon === -1) return { fromImage: checkName(trimmed, ref), tag: 'latest' };
  const tag = trimmed.slice(colon + 1);
  if (!/^\w[\w.-]{0,127}$/.test(tag)) throw new Error(`Invalid tag "${tag}" in image reference "${ref}"`);
  return { fromImage: checkName(trimmed.slice(0, colon), ref), tag };
}

function withoutTag(name: string, ref: string): string {
  const colon = name.indexOf(':', name.lastIndexOf('/') + 1);
  return checkName(colon === -1 ? name : name.slice(0, colon), ref);
}

function checkName(name: string, ref: string): string {
  if (name === '' || name.endsWith('/') || name.startsWith('/')) {
    throw new Error(`Invalid image reference "${ref}": missing repository name`);
  }
  return name;
}
