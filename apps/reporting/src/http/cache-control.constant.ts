// Cache-Control of each kind of resource. Values change whenever computation publishes, so data is
// revalidated on every use (cheap: the ETag answers 304); reference data changes rarely.
export const CACHE_CONTROL = {
  data: 'public, no-cache',
  reference: 'public, max-age=300',
  // A full page of the change feed only changes when the read model is rebuilt.
  fullChangePage: 'public, max-age=60',
  noStore: 'no-store',
} as const;
