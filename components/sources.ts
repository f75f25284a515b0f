/**
 * Every work the talk cites: the chapter's own references and the primary
 * sources behind each figure. Slides cite by id (`<Cite ids="crun" />`), the
 * figures in `figures.ts` name their source by id, and the reference slides
 * are rendered from this list, so a citation cannot point at nothing.
 */

export type SourceGroup = 'chapter' | 'startup' | 'overhead' | 'isolation' | 'kernel' | 'reality'

export interface Source {
  /** Short label shown in a citation on the slide. */
  short: string
  /** Full reference as it appears on the reference slides. */
  title: string
  url: string
  group: SourceGroup
  /** Caveat the reader should know (preprint, single machine, disputed). */
  caveat?: string
}

export const sources = {
  'docker-what-container': {
    short: 'Docker',
    title: 'Docker — What is a container?',
    url: 'https://www.docker.com/resources/what-container/',
    group: 'chapter',
  },
  'aws-compare': {
    short: 'AWS',
    title: 'AWS — The difference between containers and virtual machines',
    url: 'https://aws.amazon.com/compare/the-difference-between-containers-and-virtual-machines/',
    group: 'chapter',
  },
  'redhat-compare': {
    short: 'Red Hat',
    title: 'Red Hat — Containers vs VMs',
    url: 'https://www.redhat.com/en/topics/containers/containers-vs-vms',
    group: 'chapter',
  },
  'docker-containers-not-vms': {
    short: 'Coleman, Docker blog 2016',
    title: 'Mike Coleman, "Containers are not VMs", Docker blog, March 2016 (the chapter\'s "deep conceptual read")',
    url: 'https://www.docker.com/blog/containers-are-not-vms/',
    group: 'chapter',
    caveat: 'the chapter links a martinfowler.com article that could not be found',
  },
  'lightvm': {
    short: 'Manco et al., SOSP 2017',
    title: 'Manco et al., "My VM is Lighter (and Safer) than your Container", SOSP 2017',
    url: 'https://sysml.neclab.eu/projects/lightvm/',
    group: 'startup',
  },
  'firecracker-spec': {
    short: 'Firecracker SPECIFICATION.md',
    title: 'Firecracker — SPECIFICATION.md (boot time and VMM overhead guarantees)',
    url: 'https://github.com/firecracker-microvm/firecracker/blob/main/SPECIFICATION.md',
    group: 'startup',
  },
  'firecracker-nsdi': {
    short: 'Agache et al., NSDI 2020',
    title: 'Agache et al., "Firecracker: Lightweight Virtualization for Serverless Applications", NSDI 2020, and its raw data',
    url: 'https://github.com/firecracker-microvm/nsdi2020-data',
    group: 'startup',
  },
  'mkosi-550': {
    short: 'systemd/mkosi #550',
    title: 'systemd/mkosi issue #550 — systemd-analyze of a QEMU/KVM guest boot (2020)',
    url: 'https://github.com/systemd/mkosi/issues/550',
    group: 'startup',
  },
  'ec2-coldboot': {
    short: 'brevdev, EC2 cold boot',
    title: 'brevdev/ec2-coldboot-research — EC2 cold launch baseline (m7i.large, n=3, 2026)',
    url: 'https://github.com/brevdev/ec2-coldboot-research/blob/main/docs/cold-baseline-results.md',
    group: 'startup',
    caveat: 'three runs; the total only, its phases time a 15 s poll',
  },
  'crun': {
    short: 'containers/crun README',
    title: 'containers/crun — README (runc vs crun start times, memory floor)',
    url: 'https://github.com/containers/crun',
    group: 'startup',
  },
  'youki': {
    short: 'youki README',
    title: 'youki-dev/youki — README (youki, runc and crun: create + start + delete, page cache dropped)',
    url: 'https://github.com/youki-dev/youki',
    group: 'startup',
  },
  'khan-2026': {
    short: 'Khan, arXiv:2602.15214',
    title: 'Shamsher Khan, "Decomposing Docker Container Startup Performance: A Three-Tier Measurement Study on Heterogeneous Infrastructure", arXiv:2602.15214 (2026)',
    url: 'https://arxiv.org/abs/2602.15214',
    group: 'startup',
    caveat: 'preprint, not peer reviewed',
  },
  'kata-runtimeclass': {
    short: 'Kata RuntimeClass overhead',
    title: 'kata-containers — kata-deploy RuntimeClass definitions (pod overhead)',
    url: 'https://github.com/kata-containers/kata-containers/tree/main/tools/packaging/kata-deploy/runtimeclasses',
    group: 'overhead',
  },
  'k8s-kubelet': {
    short: 'kubelet reference',
    title: 'Kubernetes docs — kubelet command-line reference (--max-pods, default 110)',
    url: 'https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/',
    group: 'overhead',
  },
  'k8s-large-clusters': {
    short: 'Kubernetes: large clusters',
    title: 'Kubernetes docs — Considerations for large clusters',
    url: 'https://kubernetes.io/docs/setup/best-practices/cluster-large/',
    group: 'overhead',
  },
  'cve-2019-5736': {
    short: 'CVE-2019-5736',
    title: 'CVE-2019-5736 — runc overwrite via /proc/self/exe (NVD)',
    url: 'https://nvd.nist.gov/vuln/detail/CVE-2019-5736',
    group: 'isolation',
  },
  'cve-2024-21626': {
    short: 'CVE-2024-21626',
    title: 'CVE-2024-21626 — runc leaked file descriptor, GHSA-xr7r-f8xq-vfvv',
    url: 'https://github.com/opencontainers/runc/security/advisories/GHSA-xr7r-f8xq-vfvv',
    group: 'isolation',
  },
  'cve-2016-5195': {
    short: 'CVE-2016-5195 (Dirty COW)',
    title: 'CVE-2016-5195 "Dirty COW" — copy-on-write race in the Linux kernel',
    url: 'https://www.cve.org/CVERecord?id=CVE-2016-5195',
    group: 'isolation',
  },
  'cve-2022-0847': {
    short: 'CVE-2022-0847 (Dirty Pipe)',
    title: 'CVE-2022-0847 "Dirty Pipe" — page-cache overwrite in the Linux kernel',
    url: 'https://www.cve.org/CVERecord?id=CVE-2022-0847',
    group: 'isolation',
  },
  'lin-acsac-2018': {
    short: 'Lin et al., ACSAC 2018',
    title: 'Lin et al., "A Measurement Study on Linux Container Security: Attacks and Countermeasures", ACSAC 2018',
    url: 'https://doi.org/10.1145/3274694.3274720',
    group: 'isolation',
  },
  'man-namespaces': {
    short: 'namespaces(7)',
    title: 'Linux man-pages — namespaces(7), clone(2), unshare(2)',
    url: 'https://man7.org/linux/man-pages/man7/namespaces.7.html',
    group: 'kernel',
  },
  'man-cgroups': {
    short: 'cgroups(7)',
    title: 'Linux man-pages — cgroups(7)',
    url: 'https://man7.org/linux/man-pages/man7/cgroups.7.html',
    group: 'kernel',
  },
  'man-prctl': {
    short: 'prctl(2)',
    title: 'Linux man-pages — prctl(2): PR_SET_SECCOMP, SECCOMP_MODE_FILTER since Linux 3.5',
    url: 'https://man7.org/linux/man-pages/man2/prctl.2.html',
    group: 'kernel',
  },
  'man-seccomp': {
    short: 'seccomp(2)',
    title: 'Linux man-pages — seccomp(2): the seccomp() system call since Linux 3.17',
    url: 'https://man7.org/linux/man-pages/man2/seccomp.2.html',
    group: 'kernel',
  },
  'man-capabilities': {
    short: 'capabilities(7)',
    title: 'Linux man-pages — capabilities(7)',
    url: 'https://man7.org/linux/man-pages/man7/capabilities.7.html',
    group: 'kernel',
  },
  'aws-lambda-security': {
    short: 'AWS Lambda whitepaper',
    title: 'AWS whitepaper — Security Overview of AWS Lambda: the Lambda runtime environment and Lambda isolation technologies',
    url: 'https://docs.aws.amazon.com/whitepapers/latest/security-overview-aws-lambda/lambda-runtime-environment.html',
    group: 'reality',
  },
  'k8s-nodes': {
    short: 'Kubernetes: Nodes',
    title: 'Kubernetes docs — Nodes ("a node may be a virtual or physical machine")',
    url: 'https://kubernetes.io/docs/concepts/architecture/nodes/',
    group: 'reality',
  },
  'kata-architecture': {
    short: 'Kata Containers architecture',
    title: 'Kata Containers — design/architecture',
    url: 'https://github.com/kata-containers/kata-containers/tree/main/docs/design/architecture',
    group: 'reality',
  },
  'gke-sandbox': {
    short: 'GKE Sandbox',
    title: 'Google Kubernetes Engine — GKE Sandbox (gVisor)',
    url: 'https://cloud.google.com/kubernetes-engine/docs/concepts/sandbox-pods',
    group: 'reality',
  },
  'hyperv-containers': {
    short: 'Hyper-V isolation',
    title: 'Microsoft — Hyper-V isolation for Windows containers',
    url: 'https://learn.microsoft.com/en-us/virtualization/windowscontainers/manage-containers/hyperv-container',
    group: 'reality',
  },
} as const satisfies Record<string, Source>

export type SourceId = keyof typeof sources

export const sourceIds = Object.keys(sources) as SourceId[]

export function isSourceId(id: string): id is SourceId {
  return Object.hasOwn(sources, id)
}

export function getSource(id: string): Source {
  if (!isSourceId(id))
    throw new Error(`Unknown source "${id}". Add it to components/sources.ts.`)
  return sources[id]
}

export function sourcesInGroups(groups: readonly SourceGroup[]): Array<Source & { id: SourceId }> {
  return sourceIds
    .filter(id => groups.includes(sources[id].group))
    .map(id => ({ id, ...sources[id] }))
}
