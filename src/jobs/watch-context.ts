/** What the watch jobs share: the context they run in and the delivery they hand on. */
import type { Config } from '../shared/config.js';
import type { ArticleStore } from '../stages/store/article-store.js';
import type { SourceNotice } from '../stages/watch/messages.js';

export interface WatchContext {
  config: Config;
  store: () => Promise<ArticleStore>;
  /** The clock (tests pass a fake one). */
  now: () => Date;
}

/** A delivery to queue: its idempotency key and its watch. */
export interface DeliveryJob {
  deliveryId: string;
  watch: string;
  /** A source-health notice carries its content (it is about no stored story). */
  notice?: SourceNotice;
}
