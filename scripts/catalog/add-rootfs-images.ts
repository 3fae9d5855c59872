/**
 * Adds the images of rootfs-images-data.ts to a generated catalog without touching the rest:
 * each root filesystem extra-rootfs.sh built is scanned into one layer, stored once by content,
 * and the index gains the image. A second run drops what the first added, so it gives the same
 * files. Node-only.
 * Usage: node scripts/catalog/add-rootfs-images.ts [CATALOG_DIR]   (ROOTFS_WORK: extra-rootfs.sh's OUT_DIR)
 */
import { join } from 'node:path';
import { FORMAT_VERSION } from '../../src/lib/images/format.ts';
import { imageConfig, openCatalogEdit } from './catalog-edit.ts';
import { diffSnapshots } from './layers.ts';
import { historyOf, ROOTFS_IMAGES, ROOTFS_MARK, type RootfsImage } from './rootfs-images-data.ts';
import { scanRootfs } from './scan-rootfs.ts';

const dir = process.argv[2] ?? 'public/catalog';
const work = process.env.ROOTFS_WORK ?? '/var/tmp/catalog/extra-roots';
const MB = 1_000_000;
const edit = openCatalogEdit(dir, ROOTFS_MARK);

function addRootfsImage(image: RootfsImage): void {
  const root = join(work, image.rootfs);
  const built = diffSnapshots(root, undefined, scanRootfs(root));
  const header = { format: FORMAT_VERSION, packages: built.packages, contents: built.contents };
  const layer = edit.addLayer(
    { header, entries: built.entries },
    image.createdBy,
    image.provenance,
    image.layerNote,
  );
  const p = image.published;
  edit.addImage({
    ref: image.ref,
    tags: image.tags,
    config: imageConfig(image.config),
    layers: [layer],
    history: historyOf(image, layer),
    published: {
      size: p.mb * MB,
      source: {
        text: `docker-library/repo-info ${p.path} (${p.tag})`,
        url: `https://github.com/docker-library/repo-info/blob/master/${p.path}`,
        date: p.date,
      },
    },
    packageDb: { manager: 'dpkg', path: '/var/lib/dpkg/status' },
    notes: [...image.notes],
  });
}

for (const image of ROOTFS_IMAGES) addRootfsImage(image);
for (const line of edit.write()) console.log(line);
