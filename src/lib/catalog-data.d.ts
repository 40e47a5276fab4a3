/** The embedded catalog: a virtual module that only scripts/package.ts provides (see catalog-embedded.ts). */
declare module 'sshfix:catalog-data' {
  /** A CatalogData (src/lib/types.ts) as JSON, brotli-compressed, in base64. */
  const compressed: string;
  export default compressed;
}
