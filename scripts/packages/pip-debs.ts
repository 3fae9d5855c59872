/** Prints `package/suite` for every Debian package the pip data reads, for fetch-debs.sh. */
import { RELEASES } from './pip-releases.ts';

const wanted = new Set(RELEASES.flatMap((r) => r.debian.packages.map((p) => `${p}/${r.debian.suite}`)));
console.log([...wanted].sort().join('\n'));
