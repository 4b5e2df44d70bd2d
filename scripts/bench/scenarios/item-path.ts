import type { Item } from '../../../src/lib/server/content/build';

/** An item's page, as the course links to it. */
export const itemPath = (item: Item) => `/modules/${item.moduleId}/${item.id}`;
