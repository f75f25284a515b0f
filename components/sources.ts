/**
 * Every work the talk cites: the chapter's own references and the primary
 * sources behind each figure. Slides cite by id (`<Cite ids="crun" />`), the
 * figures in `figures.ts` name their source by id, and the reference slides
 * are rendered from this list, so a citation cannot point at nothing.
 */

export type SourceGroup = 'chapter' | 'startup' | 'overhead' | 'isolation' | 'kernel' | 'reality' | 'defence' | 'boundary' | 'host' | 'practice'

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
    url: 'https://doi.org/10.1145/3132747.3132763',
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
    caveat: 'one laptop; about 6 s four days later',
  },
  'systemd-22060': {
    short: 'systemd #22060',
    title: 'systemd/systemd issue #22060 — "when using sd-boot, systemd-analyze overestimates time in firmware" (a VM, 2022)',
    url: 'https://github.com/systemd/systemd/issues/22060',
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
  'runc-libcontainer': {
    short: 'runc 1.5.1 libcontainer',
    title: 'opencontainers/runc 1.5.1 — libcontainer: process_linux.go (cgroup joined first), nsenter/nsexec.c (namespaces), rootfs_linux.go (mounts, limits, pivot_root), standard_init_linux.go (seccomp and capabilities)',
    url: 'https://github.com/opencontainers/runc/tree/v1.5.1/libcontainer',
    group: 'startup',
  },
  'kata-runtimeclass': {
    short: 'Kata 4.0 RuntimeClass overhead',
    title: 'kata-containers 4.0.0 — kata-deploy Helm chart, templates/runtimeclasses.yaml (pod overhead per RuntimeClass; QEMU 320Mi since 4.0, 160Mi in 3.x)',
    url: 'https://github.com/kata-containers/kata-containers/blob/4.0.0/tools/packaging/kata-deploy/helm-chart/kata-deploy/templates/runtimeclasses.yaml',
    group: 'overhead',
  },
  'containerd-shim-rss': {
    short: 'containerd #7878',
    title: 'containerd/containerd issue #7878 — resident memory of containerd-shim-runc-v2, about 10 MiB each (containerd 1.6.0, 2022)',
    url: 'https://github.com/containerd/containerd/issues/7878',
    group: 'overhead',
    caveat: 'one report',
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
  'man-pid-namespaces': {
    short: 'pid_namespaces(7)',
    title: 'Linux man-pages — pid_namespaces(7): /proc shows only the processes of the PID namespace that mounted it (and network_namespaces(7): /proc/net per network namespace)',
    url: 'https://man7.org/linux/man-pages/man7/pid_namespaces.7.html',
    group: 'host',
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
    title: 'AWS whitepaper — Security Overview of AWS Lambda: Lambda isolation technologies',
    url: 'https://docs.aws.amazon.com/whitepapers/latest/security-overview-aws-lambda/lambda-isolation-technologies.html',
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
  'moby-seccomp-default': {
    short: 'moby/profiles default.json',
    title: 'moby/profiles — seccomp/default.json, Docker\'s default seccomp profile (seccomp/v0.2.3, May 2026): an allowlist, SCMP_ACT_ERRNO for the rest',
    url: 'https://github.com/moby/profiles/blob/836ae4d37ef2ec995c77c99fc55f5b5f3af3a897/seccomp/default.json',
    group: 'defence',
  },
  'docker-seccomp': {
    short: 'Docker: seccomp profiles',
    title: 'Docker docs — Seccomp security profiles for Docker (the page\'s "disables around 44 system calls out of 300+" dates from 2016)',
    url: 'https://docs.docker.com/engine/security/seccomp/',
    group: 'defence',
  },
  'docker-security': {
    short: 'Docker security',
    title: 'Docker docs — Docker security (capabilities on an allowlist; user-namespace remapping available, not on by default)',
    url: 'https://docs.docker.com/engine/security/',
    group: 'defence',
  },
  'k8s-seccomp': {
    short: 'Kubernetes: seccomp',
    title: 'Kubernetes docs — Restrict a Container\'s Syscalls with seccomp (Unconfined unless a profile or --seccomp-default is set)',
    url: 'https://kubernetes.io/docs/tutorials/security/seccomp/',
    group: 'defence',
  },
  'kernel-no-new-privs': {
    short: 'no_new_privs',
    title: 'Linux kernel docs — No New Privileges Flag',
    url: 'https://docs.kernel.org/userspace-api/no_new_privs.html',
    group: 'defence',
  },
  'k8s-user-namespaces': {
    short: 'Kubernetes: user namespaces',
    title: 'Kubernetes docs — User Namespaces (pod.spec.hostUsers: false)',
    url: 'https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/',
    group: 'defence',
  },
  'docker-rootless': {
    short: 'Docker: rootless mode',
    title: 'Docker docs — Rootless mode (daemon and containers inside a user namespace)',
    url: 'https://docs.docker.com/engine/security/rootless/',
    group: 'defence',
  },
  'gvisor-security': {
    short: 'gVisor security',
    title: 'gVisor docs — Introduction to gVisor security ("gVisor never passes through any system call to the host")',
    url: 'https://gvisor.dev/docs/architecture_guide/intro_to_gvisor/',
    group: 'defence',
  },
  'gvisor-performance': {
    short: 'gVisor performance guide',
    title: 'gVisor docs — Performance Guide (system-call-bound applications pay most)',
    url: 'https://gvisor.dev/docs/architecture_guide/performance/',
    group: 'defence',
  },
  'firecracker-design': {
    short: 'Firecracker design',
    title: 'Firecracker — docs/design.md (virtio net, block and vsock, a serial console, a partial keyboard controller; seccomp and the jailer around the VMM)',
    url: 'https://github.com/firecracker-microvm/firecracker/blob/main/docs/design.md',
    group: 'boundary',
  },
  'cve-2015-3456': {
    short: 'CVE-2015-3456 (VENOM)',
    title: 'CVE-2015-3456 "VENOM" — QEMU floppy disk controller, guest to host (NVD)',
    url: 'https://nvd.nist.gov/vuln/detail/CVE-2015-3456',
    group: 'boundary',
  },
  'kernel-l1tf': {
    short: 'Linux docs: L1TF',
    title: 'Linux kernel docs — L1TF - L1 Terminal Fault (CVE-2018-3646, the VMM variant)',
    url: 'https://docs.kernel.org/admin-guide/hw-vuln/l1tf.html',
    group: 'boundary',
  },
  'kernel-mds': {
    short: 'Linux docs: MDS',
    title: 'Linux kernel docs — MDS - Microarchitectural Data Sampling',
    url: 'https://docs.kernel.org/admin-guide/hw-vuln/mds.html',
    group: 'boundary',
  },
  'kernel-coco-threat-model': {
    short: 'Linux docs: CoCo threat model',
    title: 'Linux kernel docs — Confidential Computing in Linux for x86 virtualization (the SEV-SNP and TDX threat model)',
    url: 'https://docs.kernel.org/security/snp-tdx-threat-model.html',
    group: 'boundary',
  },
  'amd-sev-snp': {
    short: 'AMD SEV-SNP whitepaper',
    title: 'AMD — "AMD SEV-SNP: Strengthening VM Isolation with Integrity Protection and More", white paper, 2020',
    url: 'https://www.amd.com/content/dam/amd/en/documents/epyc-business-docs/white-papers/SEV-SNP-strengthening-vm-isolation-with-integrity-protection-and-more.pdf',
    group: 'boundary',
  },
  'kernel-tdx': {
    short: 'Linux docs: TDX',
    title: 'Linux kernel docs — Intel Trust Domain Extensions (TDX)',
    url: 'https://docs.kernel.org/arch/x86/tdx.html',
    group: 'boundary',
  },
  'coco-overview': {
    short: 'Confidential Containers',
    title: 'Confidential Containers (CNCF) — overview ("lock out the Cloud Service Provider"; Kata Containers as the basis)',
    url: 'https://github.com/confidential-containers/confidential-containers/blob/main/overview.md',
    group: 'boundary',
  },
  'slacker': {
    short: 'Harter et al., FAST 2016',
    title: 'Harter et al., "Slacker: Fast Distribution with Lazy Docker Containers", USENIX FAST 2016',
    url: 'https://www.usenix.org/conference/fast16/technical-sessions/presentation/harter',
    group: 'practice',
  },
  'stargz-snapshotter': {
    short: 'stargz-snapshotter',
    title: 'containerd/stargz-snapshotter — README (lazy pulling with eStargz)',
    url: 'https://github.com/containerd/stargz-snapshotter',
    group: 'practice',
  },
  'soci-snapshotter': {
    short: 'SOCI snapshotter',
    title: 'awslabs/soci-snapshotter — README (lazy loading of standard OCI images)',
    url: 'https://github.com/awslabs/soci-snapshotter',
    group: 'practice',
  },
  'firecracker-snapshots': {
    short: 'Firecracker snapshots',
    title: 'Firecracker — docs/snapshotting/snapshot-support.md (guest memory and device state; pages loaded on demand)',
    url: 'https://github.com/firecracker-microvm/firecracker/blob/main/docs/snapshotting/snapshot-support.md',
    group: 'practice',
  },
  'lambda-snapstart': {
    short: 'Lambda SnapStart',
    title: 'AWS Lambda Developer Guide — Improving startup performance with Lambda SnapStart',
    url: 'https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html',
    group: 'practice',
  },
  'criu': {
    short: 'CRIU',
    title: 'checkpoint-restore/criu — README (Checkpoint and Restore in Userspace)',
    url: 'https://github.com/checkpoint-restore/criu',
    group: 'practice',
  },
  'k8s-checkpoint': {
    short: 'Kubelet checkpoint API',
    title: 'Kubernetes docs — Kubelet Checkpoint API',
    url: 'https://kubernetes.io/docs/reference/node/kubelet-checkpoint-api/',
    group: 'practice',
  },
  'docker-multi-platform': {
    short: 'Docker: multi-platform builds',
    title: 'Docker docs — Multi-platform builds ("the code that\'s running inside the container must be compatible with the host\'s architecture")',
    url: 'https://docs.docker.com/build/building/multi-platform/',
    group: 'practice',
  },
  'man-execve': {
    short: 'execve(2)',
    title: 'Linux man-pages — execve(2) (ENOEXEC: "for the wrong architecture")',
    url: 'https://man7.org/linux/man-pages/man2/execve.2.html',
    group: 'practice',
  },
  'windows-version-compat': {
    short: 'Windows container versions',
    title: 'Microsoft Learn — Windows container version compatibility',
    url: 'https://learn.microsoft.com/en-us/virtualization/windowscontainers/deploy-containers/version-compatibility',
    group: 'practice',
  },
  'wsl-compare': {
    short: 'Comparing WSL versions',
    title: 'Microsoft Learn — Comparing WSL Versions ("a Linux kernel inside of a lightweight utility virtual machine")',
    url: 'https://learn.microsoft.com/en-us/windows/wsl/compare-versions',
    group: 'practice',
  },
  'docker-desktop-vmm': {
    short: 'Docker Desktop VMM',
    title: 'Docker docs — Virtual Machine Manager for Docker Desktop on Mac ("the Linux VM that runs containers")',
    url: 'https://docs.docker.com/desktop/features/vmm/',
    group: 'practice',
  },
  'aks-core-concepts': {
    short: 'AKS core concepts',
    title: 'Microsoft Learn — Core concepts for Azure Kubernetes Service (AKS) ("Nodes are the underlying virtual machines")',
    url: 'https://learn.microsoft.com/en-us/azure/aks/core-aks-concepts',
    group: 'reality',
  },
  'eks-managed-nodes': {
    short: 'EKS managed node groups',
    title: 'Amazon EKS User Guide — Simplify node lifecycle with managed node groups (nodes are Amazon EC2 instances)',
    url: 'https://docs.aws.amazon.com/eks/latest/userguide/managed-node-groups.html',
    group: 'reality',
  },
  'lxcfs': {
    short: 'LXCFS README',
    title: 'lxc/lxcfs — README (makes /proc/meminfo, /proc/cpuinfo and others container-aware)',
    url: 'https://github.com/lxc/lxcfs',
    group: 'host',
  },
  'coreutils-news': {
    short: 'coreutils NEWS',
    title: 'GNU coreutils — NEWS, release 9.8 (2025): "nproc now honors any cgroup v2 configured CPU quotas"',
    url: 'https://github.com/coreutils/coreutils/blob/master/NEWS',
    group: 'host',
  },
  'jdk-8146115': {
    short: 'JDK-8146115',
    title: 'OpenJDK — JDK-8146115: Improve docker container detection and resource configuration usage (JDK 10; backported to 8u191)',
    url: 'https://bugs.openjdk.org/browse/JDK-8146115',
    group: 'host',
  },
  'go-1-25': {
    short: 'Go 1.25 release notes',
    title: 'Go 1.25 Release Notes — container-aware GOMAXPROCS',
    url: 'https://go.dev/doc/go1.25#container-aware-gomaxprocs',
    group: 'host',
  },
  'k8s-sysctls': {
    short: 'Kubernetes: sysctls',
    title: 'Kubernetes docs — Using sysctls in a Kubernetes Cluster (namespaced and node-level sysctls)',
    url: 'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/',
    group: 'host',
  },
  'conntrack-readonly': {
    short: 'Linux commit 2671fa4dc010',
    title: 'Linux commit 2671fa4dc010, "netfilter: conntrack: Make global sysctls readonly in non-init netns" (2021)',
    url: 'https://github.com/torvalds/linux/commit/2671fa4dc010',
    group: 'host',
  },
  'kernel-cgroup-v2': {
    short: 'Linux docs: cgroup v2',
    title: 'Linux kernel docs — Control Group v2 (memory ownership, memory.high, writeback, PID)',
    url: 'https://docs.kernel.org/admin-guide/cgroup-v2.html',
    group: 'host',
  },
  'kernel-psi': {
    short: 'Linux docs: PSI',
    title: 'Linux kernel docs — PSI - Pressure Stall Information',
    url: 'https://docs.kernel.org/accounting/psi.html',
    group: 'host',
  },
  'k8s-cgroup-v2': {
    short: 'Kubernetes: cgroup v2',
    title: 'Kubernetes docs — About cgroup v2 (stable since 1.25)',
    url: 'https://kubernetes.io/docs/concepts/architecture/cgroups/',
    group: 'host',
  },
  'firecracker-readme': {
    short: 'Firecracker README',
    title: 'Firecracker — README ("excludes unnecessary devices and guest-facing functionality to reduce the memory footprint and attack surface area")',
    url: 'https://github.com/firecracker-microvm/firecracker',
    group: 'boundary',
  },
  'cve-2023-20592': {
    short: 'CVE-2023-20592 (CacheWarp)',
    title: 'CVE-2023-20592 "CacheWarp" — AMD SEV-ES and SEV-SNP guest memory integrity (NVD)',
    url: 'https://nvd.nist.gov/vuln/detail/CVE-2023-20592',
    group: 'boundary',
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
