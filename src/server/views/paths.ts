/** Where bull-board is mounted (dashboard-server.ts mounts it here). */
export const QUEUES_BASE = '/queues';
