/** A link as a page or feed writes it, made absolute: feeds, sitemaps and feed discovery resolve links alike. */

/** `href` resolved against `base`, or null when it is empty or cannot be a URL. */
export function resolveUrl(href: string | undefined | null, base: string): string | null {
  const text = (href ?? '').trim();
  if (text === '') return null;
  try {
    return new URL(text, base).href;
  } catch {
    return null;
  }
}
