/**
 * A saved image in the course's views: what it is, its layers as `docker history` lists them,
 * whether it starts, the packages it carries (exportable as an SBOM), and the layer explorer
 * with dive's figures and the attack surface. Loaded by the /inspect/ island once an image is read.
 */
import { useId } from 'preact/hooks';
import { formatSize } from '../../lib/format-size.ts';
import { ECOSYSTEMS, type Ecosystem } from '../../lib/image-archive/packages.ts';
import type { SavedImage } from '../../lib/image-archive/read-image.ts';
import { cycloneDxDocument, spdxDocument } from '../../lib/image-archive/sbom.ts';
import { ImageExplorer } from '../explorer/LayerExplorer.tsx';
import { RunCheck } from '../run/RunCheck.tsx';
import type { InspectResult } from './protocol.ts';
import { RealBesideSimulated } from './RealBesideSimulated.tsx';

export interface SavedImageViewProps {
  /** The file's name, as the learner picked it. */
  readonly name: string;
  readonly result: InspectResult;
}

const FORMAT_LABEL: Readonly<Record<SavedImage['format'], string>> = {
  'docker-archive': 'docker save (classic layout) or podman save',
  'docker-archive+oci': 'docker save (Docker 25+: classic manifest and OCI layout in one)',
  'oci-layout': 'OCI image layout',
};

const ECOSYSTEM_LABEL: Readonly<Record<Ecosystem, string>> = {
  deb: 'Debian packages (dpkg)',
  apk: 'Alpine packages (apk)',
  pypi: 'Python packages',
  golang: 'Go modules (from binaries)',
};

function download(name: string, document: object): void {
  const url = URL.createObjectURL(
    new Blob([JSON.stringify(document, null, 2)], { type: 'application/json' }),
  );
  const link = Object.assign(window.document.createElement('a'), { href: url, download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function SavedImageView({ name, result }: SavedImageViewProps) {
  const id = useId();
  const { image, trees, analysis } = result;
  const title = image.references[0] ?? image.id?.slice(7, 19) ?? name;
  const compressed = image.layers.reduce((sum, layer) => sum + layer.archiveBytes, 0);
  const sbomSubject = { name: title, id: image.id, packages: image.packages };
  const stamp = () => ({ created: new Date().toISOString(), uuid: crypto.randomUUID() });
  const fileStem = title.replace(/[^\w.-]+/g, '-');
  return (
    <div class="mc-saved" data-image={title}>
      <section aria-labelledby={`${id}-summary`}>
        <h2 id={`${id}-summary`}>{title}</h2>
        <dl class="mc-figures mc-saved-figures">
          <div>
            <dt>Size</dt>
            <dd>
              {formatSize(image.stage.size ?? 0)}{' '}
              <span class="mc-saved-note">as docker images counts it</span>
            </dd>
          </div>
          <div>
            <dt>Layers</dt>
            <dd>
              {image.layers.length}{' '}
              <span class="mc-saved-note">
                {formatSize(compressed)} in the file (
                {[...new Set(image.layers.map((l) => l.compression))].join(', ')})
              </span>
            </dd>
          </div>
          <div>
            <dt>Platform</dt>
            <dd>
              {image.os}/{image.architecture}
            </dd>
          </div>
          <div>
            <dt>Format</dt>
            <dd>{FORMAT_LABEL[image.format]}</dd>
          </div>
        </dl>
        <p class="mc-saved-note">
          Read in {(result.readMs / 1000).toFixed(1)} s.{image.id && <> Image ID {image.id.slice(7, 19)}.</>}
          {image.notes.map((note) => ` ${note}`)}
        </p>
      </section>

      <section aria-labelledby={`${id}-history`}>
        <h2 id={`${id}-history`}>History</h2>
        <p class="mc-saved-note">
          Newest first, as <code>docker history</code> prints it. SIZE counts the bytes of the files a layer
          adds and the length of its symbolic links’ targets, uncompressed; an instruction that only changed
          the config (ENV, CMD, USER…) made no layer and shows 0 B.
        </p>
        <div class="mc-saved-table-wrap">
          <table class="mc-saved-history">
            <thead>
              <tr>
                <th scope="col">Layer</th>
                <th scope="col">Size</th>
                <th scope="col">Created by</th>
              </tr>
            </thead>
            <tbody>
              {[...image.history].reverse().map((row, index) => (
                <tr key={`${index}:${row.createdBy}`}>
                  <td>{row.layer === null ? '–' : row.layer + 1}</td>
                  <td class="mc-saved-size">{formatSize(row.size)}</td>
                  <td>
                    <code>{row.createdBy || '(no history)'}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <RunCheck run={analysis.run} />

      <section aria-labelledby={`${id}-packages`}>
        <h2 id={`${id}-packages`}>Packages</h2>
        <p class="mc-saved-note">
          Read from the image’s own files: dpkg’s status, apk’s installed database, Python’s dist-info and the
          build information Go writes into each binary. A scanner matches these names and versions against
          known vulnerabilities; fewer packages, fewer matches.
        </p>
        <ul class="mc-saved-counts">
          {ECOSYSTEMS.map((ecosystem) => (
            <li key={ecosystem}>
              <strong>{image.packages.counts[ecosystem]}</strong> {ECOSYSTEM_LABEL[ecosystem]}
            </li>
          ))}
        </ul>
        {image.packages.packages.length > 0 && (
          <>
            <p>
              <button
                type="button"
                class="button"
                onClick={() => download(`${fileStem}.spdx.json`, spdxDocument(sbomSubject, stamp()))}
              >
                Download SPDX SBOM
              </button>{' '}
              <button
                type="button"
                class="button"
                onClick={() => download(`${fileStem}.cdx.json`, cycloneDxDocument(sbomSubject, stamp()))}
              >
                Download CycloneDX SBOM
              </button>
            </p>
            <details class="mc-saved-packages">
              <summary>All {image.packages.packages.length} packages</summary>
              <ul>
                {image.packages.packages.slice(0, 2000).map((pkg) => (
                  <li key={`${pkg.ecosystem}:${pkg.source}:${pkg.name}`}>
                    <code>{pkg.name}</code> {pkg.version}{' '}
                    <span class="mc-saved-note">
                      ({pkg.ecosystem}, {pkg.source})
                    </span>
                  </li>
                ))}
              </ul>
            </details>
          </>
        )}
      </section>

      <section aria-labelledby={`${id}-files`}>
        <h2 id={`${id}-files`}>Layers and files</h2>
        <ImageExplorer stage={image.stage} trees={trees} analysis={analysis} saved />
      </section>

      <RealBesideSimulated stage={image.stage} analysis={analysis} />
    </div>
  );
}
