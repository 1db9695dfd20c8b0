/**
 * Queue `feeds`: one poll of one feed, scheduled per feed by a BullMQ job scheduler. Not a stage
 * of the pipeline but a source of it: the poll's new items enter the pipeline at its entry stage.
 */
import { z } from 'zod';
import { HttpUrlSchema } from './article-fields.js';
import type { FeedService, FeedPollReport } from '../pipeline/feed-service.js';

export const FEED_QUEUE = 'feeds';

export const PollFeedPayloadSchema = z.object({ feedUrl: HttpUrlSchema });
export type PollFeedPayload = z.infer<typeof PollFeedPayloadSchema>;

/** Polls the feed and queues its new items. */
export function processPollFeed(payload: PollFeedPayload, feeds: FeedService): Promise<FeedPollReport> {
  return feeds.poll(payload.feedUrl);
}
