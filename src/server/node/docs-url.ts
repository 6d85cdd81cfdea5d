/**
 * Where the documentation lives for people reading a CLI message: the repository's docs/ folder on
 * GitHub (the npm tarball ships the code and the sample data, not the docs).
 */
export const DOCS_URL = 'https://github.com/appconfig-react/appconfig-react/blob/main/docs';
