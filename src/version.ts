/** The strkin version, recorded in every result's provenance (kept equal to package.json by a test). */
export const STRKIN_VERSION = '0.1.0';
