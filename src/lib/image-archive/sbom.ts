/**
 * The image's packages as a software bill of materials, in the two formats scanners read: SPDX
 * 2.3 and CycloneDX 1.5, both JSON, with a package URL for each package. The time and the
 * document's unique id come from the caller, so the output is a pure function of its input.
 */
import type { FoundPackage, PackageInventory } from './packages.ts';

export interface SbomSubject {
  /** The image's name (`repo:tag`) or id. */
  readonly name: string;
  readonly id: string | null;
  readonly packages: PackageInventory;
}

export interface SbomStamp {
  /** ISO 8601. */
  readonly created: string;
  /** A UUID, unique per document. */
  readonly uuid: string;
}

const TOOL = 'minimal-containers (image reader in the browser)';

/** The package URL (purl) of a package, as scanners match them against advisories. */
export function purlOf(pkg: FoundPackage, distro: string | null): string {
  const version = encodeURIComponent(pkg.version);
  const arch = pkg.arch ? `?arch=${encodeURIComponent(pkg.arch)}` : '';
  switch (pkg.ecosystem) {
    case 'deb':
      return `pkg:deb/${distro ?? 'debian'}/${encodeURIComponent(pkg.name)}@${version}${arch}`;
    case 'apk':
      return `pkg:apk/${distro ?? 'alpine'}/${encodeURIComponent(pkg.name)}@${version}${arch}`;
    case 'pypi':
      return `pkg:pypi/${pkg.name.toLowerCase().replace(/[-_.]+/g, '-')}@${version}`;
    case 'golang':
      return pkg.name === 'stdlib' ? `pkg:golang/stdlib@${version}` : `pkg:golang/${pkg.name}@${version}`;
  }
}

export function spdxDocument(subject: SbomSubject, stamp: SbomStamp): object {
  const { packages, distro } = subject.packages;
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: subject.name,
    documentNamespace: `https://minimal-containers.invalid/spdx/${encodeURIComponent(subject.name)}-${stamp.uuid}`,
    creationInfo: { created: stamp.created, creators: [`Tool: ${TOOL}`] },
    packages: [
      {
        SPDXID: 'SPDXRef-image',
        name: subject.name,
        ...(subject.id ? { versionInfo: subject.id } : {}),
        downloadLocation: 'NOASSERTION',
        filesAnalyzed: false,
        primaryPackagePurpose: 'CONTAINER',
      },
      ...packages.map((pkg, index) => ({
        SPDXID: `SPDXRef-package-${index + 1}`,
        name: pkg.name,
        versionInfo: pkg.version,
        downloadLocation: 'NOASSERTION',
        filesAnalyzed: false,
        licenseDeclared: pkg.license ?? 'NOASSERTION',
        sourceInfo: `read from ${pkg.source}`,
        externalRefs: [
          {
            referenceCategory: 'PACKAGE-MANAGER',
            referenceType: 'purl',
            referenceLocator: purlOf(pkg, distro),
          },
        ],
      })),
    ],
    relationships: [
      {
        spdxElementId: 'SPDXRef-DOCUMENT',
        relationshipType: 'DESCRIBES',
        relatedSpdxElement: 'SPDXRef-image',
      },
      ...packages.map((_, index) => ({
        spdxElementId: 'SPDXRef-image',
        relationshipType: 'CONTAINS',
        relatedSpdxElement: `SPDXRef-package-${index + 1}`,
      })),
    ],
  };
}

export function cycloneDxDocument(subject: SbomSubject, stamp: SbomStamp): object {
  const { packages, distro } = subject.packages;
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    serialNumber: `urn:uuid:${stamp.uuid}`,
    version: 1,
    metadata: {
      timestamp: stamp.created,
      tools: [{ name: TOOL }],
      component: {
        type: 'container',
        name: subject.name,
        ...(subject.id ? { version: subject.id } : {}),
        'bom-ref': 'image',
      },
    },
    components: packages.map((pkg, index) => {
      const purl = purlOf(pkg, distro);
      return {
        type: 'library',
        'bom-ref': `${index + 1}:${purl}`,
        name: pkg.name,
        version: pkg.version,
        purl,
        ...(pkg.license ? { licenses: [{ expression: pkg.license }] } : {}),
        properties: [{ name: 'minimal-containers:source', value: pkg.source }],
      };
    }),
  };
}
