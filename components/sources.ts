/**
 * Every work the talk cites: the chapter's own references and the primary
 * sources behind each figure. Slides cite by id (`<Cite ids="crun" />`), the
 * figures in `figures.ts` name their source by id, and the reference slides
 * are rendered from this list, so a citation cannot point at nothing.
 */

export type SourceGroup = 'chapter' | 'startup' | 'overhead' | 'isolation' | 'kernel' | 'reality' | 'defence' | 'boundary' | 'cpu' | 'host' | 'practice'

export interface Source {
  /** Short label shown in a citation on the slide. */
  short: string
  /** Full reference as it appears on the reference slides. */
  title: string
  url: string
  group: SourceGroup
  /** Caveat the reader should know (preprint, single machine, disputed). */
  caveat?: string
  /**
   * The sentence, table row or line of code the talk's figure or claim comes
   * from, as the source has it (elisions marked ...), so a review can check
   * the slide against it; what was computed here from the source says so.
   */
  quote: string
}

export const sources = {
  'docker-what-container': {
    short: 'Docker',
    title: 'Docker — What is a container?',
    url: 'https://www.docker.com/resources/what-container/',
    group: 'chapter',
    quote: 'Containers and virtual machines have similar resource isolation and allocation benefits, but function differently because containers virtualize the operating system instead of hardware.',
  },
  'aws-compare': {
    short: 'AWS',
    title: 'AWS — The difference between containers and virtual machines',
    url: 'https://aws.amazon.com/compare/the-difference-between-containers-and-virtual-machines/',
    group: 'chapter',
    quote: 'No figure is taken from this page: the chapter cites it for its drawing of the two stacks, a hypervisor under VMs and a shared operating system under containers.',
  },
  'redhat-compare': {
    short: 'Red Hat',
    title: 'Red Hat — Containers vs VMs',
    url: 'https://www.redhat.com/en/topics/containers/containers-vs-vms',
    group: 'chapter',
    quote: 'No figure is taken from this page: the chapter cites it as an overview of containers and VMs.',
  },
  'docker-containers-not-vms': {
    short: 'Coleman, Docker blog 2016',
    title: 'Mike Coleman, "Containers are not VMs", Docker blog, March 2016 (the chapter\'s "deep conceptual read")',
    url: 'https://www.docker.com/blog/containers-are-not-vms/',
    group: 'chapter',
    quote: 'No figure is taken from this post: cited for its comparison of VMs to houses and containers to apartments in one building, sharing its plumbing.',
    caveat: 'the chapter links a martinfowler.com article that could not be found',
  },
  'lightvm': {
    short: 'Manco et al., SOSP 2017',
    title: 'Manco et al., "My VM is Lighter (and Safer) than your Container", SOSP 2017',
    url: 'https://doi.org/10.1145/3132747.3132763',
    group: 'startup',
    quote: 'LightVM can boot a VM in 2.3ms which comparable to fork/exec on Linux (1ms), and two orders of magnitude faster than Docker. (the authors\' project page, sysml.neclab.eu/projects/lightvm)',
  },
  'firecracker-spec': {
    short: 'Firecracker SPECIFICATION.md',
    title: 'Firecracker — SPECIFICATION.md (boot time and VMM overhead guarantees)',
    url: 'https://github.com/firecracker-microvm/firecracker/blob/main/SPECIFICATION.md',
    group: 'startup',
    quote: 'It takes `<= 125 ms` to go from receiving the Firecracker InstanceStart API call to the start of the Linux guest user-space `/sbin/init` process. / Firecracker\'s virtual machine manager threads have a memory overhead `<= 5 MiB`.',
  },
  'firecracker-nsdi': {
    short: 'Agache et al., NSDI 2020',
    title: 'Agache et al., "Firecracker: Lightweight Virtualization for Serverless Applications", NSDI 2020, and its raw data',
    url: 'https://github.com/firecracker-microvm/nsdi2020-data',
    group: 'startup',
    quote: 'scripts/util_start_fc.sh: "$FC --no-api --config-file" for the runs saved as data/m5d.metal/raw/boot-serial-fc-api.dat (500 rows of "us_time fc_time", e.g. "161365 106"); the API-socket runs are in boot-serial-fc-file.dat. Medians computed here: 160.9 ms from launch with the config file, 195.8 ms through the API socket, 110 ms as Firecracker logs it. QEMU 131 MiB: mem-qemu pmap totals minus guest RAM, computed here.',
  },
  'mkosi-550': {
    short: 'systemd/mkosi #550',
    title: 'systemd/mkosi issue #550 — systemd-analyze of a QEMU/KVM guest boot (2020)',
    url: 'https://github.com/systemd/mkosi/issues/550',
    group: 'startup',
    quote: 'Startup finished in 6.934s (firmware) + 3.664s (loader) + 655ms (kernel) + 1.662s (initrd) + 1.686s (userspace) = 14.602s / four days later: "Boot times are now just 6 seconds on my laptop instead of 14."',
    caveat: 'one laptop; about 6 s four days later',
  },
  'systemd-22060': {
    short: 'systemd #22060',
    title: 'systemd/systemd issue #22060 — "when using sd-boot, systemd-analyze overestimates time in firmware" (a VM, 2022)',
    url: 'https://github.com/systemd/systemd/issues/22060',
    group: 'startup',
    quote: 'when using sd-boot, systemd-analyze overestimates time in firmware: "Startup finished in 28min 31.090s (firmware) + 132ms (loader) + 990ms (kernel) + 1.663s (initrd) + 6.042s (userspace)" (boot a VM using sd-boot)',
  },
  'ec2-coldboot': {
    short: 'brevdev, EC2 cold boot',
    title: 'brevdev/ec2-coldboot-research — EC2 cold launch baseline (m7i.large, n=3, 2026)',
    url: 'https://github.com/brevdev/ec2-coldboot-research/blob/main/docs/cold-baseline-results.md',
    group: 'startup',
    quote: '| **Total** | **End-to-end** | **25825ms (25.8s)** | (m7i.large, Amazon Linux 2023; runs of 25655, 25805 and 26017 ms)',
    caveat: 'three runs; the total only, its phases time a 15 s poll',
  },
  'crun': {
    short: 'containers/crun README',
    title: 'containers/crun — README (runc vs crun start times, memory floor)',
    url: 'https://github.com/containers/crun',
    group: 'startup',
    quote: '| 100 /bin/true | 0:01.69 | 0:3.34 | -49.4% | (crun, runc) / podman --runtime /usr/bin/crun run --rm --memory 512k fedora echo it works',
  },
  'youki': {
    short: 'youki README',
    title: 'youki-dev/youki — README (youki, runc and crun: create + start + delete, page cache dropped)',
    url: 'https://github.com/youki-dev/youki',
    group: 'startup',
    quote: '| runc | 224.6 ms ± 12.0 ms | ... | crun | 47.3 ms ± 2.8 ms | (hyperfine, create, start and delete, caches dropped before each run)',
  },
  'khan-2026': {
    short: 'Khan, arXiv:2602.15214',
    title: 'Shamsher Khan, "Decomposing Docker Container Startup Performance: A Three-Tier Measurement Study on Heterogeneous Infrastructure", arXiv:2602.15214 (2026)',
    url: 'https://arxiv.org/abs/2602.15214',
    group: 'startup',
    quote: '(2) storage tier selection imposes a 2.04x startup penalty (HDD 1157 ms vs. SSD 568 ms); ... (5) Linux namespace creation contributes only 8-10 ms (<1.5%) of total startup time.',
    caveat: 'preprint, not peer reviewed',
  },
  'runc-libcontainer': {
    short: 'runc 1.5.1 libcontainer',
    title: 'opencontainers/runc 1.5.1 — libcontainer: process_linux.go (cgroup joined first), nsenter/nsexec.c (namespaces), rootfs_linux.go (mounts, limits, pivot_root), standard_init_linux.go (seccomp and capabilities)',
    url: 'https://github.com/opencontainers/runc/tree/v1.5.1/libcontainer',
    group: 'startup',
    quote: 'standard_init_linux.go: "Without NoNewPrivileges seccomp is a privileged operation, so we need to do this before dropping capabilities; otherwise do it as late as possible just before execve so as few syscalls take place after it as possible." / process_linux.go: "Do this before syncing with child so that no children can escape the cgroup."',
  },
  'kata-runtimeclass': {
    short: 'Kata 4.0 RuntimeClass overhead',
    title: 'kata-containers 4.0.0 — kata-deploy Helm chart, templates/runtimeclasses.yaml (pod overhead per RuntimeClass; QEMU 320Mi since 4.0, 160Mi in 3.x)',
    url: 'https://github.com/kata-containers/kata-containers/blob/4.0.0/tools/packaging/kata-deploy/helm-chart/kata-deploy/templates/runtimeclasses.yaml',
    group: 'overhead',
    quote: '"qemu" (dict "memory" "320Mi" "cpu" "250m") ... "fc" (dict "memory" "130Mi" "cpu" "250m") / "NOTE: the QEMU shims use 320Mi rather than 160Mi. ... It is applied on all arches for simplicity (x86 is over-provisioned by ~160Mi, which is acceptable)."',
  },
  'containerd-shim-rss': {
    short: 'containerd #7878',
    title: 'containerd/containerd issue #7878 — resident memory of containerd-shim-runc-v2, about 10 MiB each (containerd 1.6.0, 2022)',
    url: 'https://github.com/containerd/containerd/issues/7878',
    group: 'overhead',
    quote: 'The next column (RSS) is the amount of memory actually being used in k bytes. So right now those shims are consuming 11M, 10M, and 9M respectfully. (a maintainer, on containerd-shim-runc-v2 RSS of 11268, 10124 and 10020 KB, containerd v1.6.0)',
    caveat: 'one report',
  },
  'k8s-kubelet': {
    short: 'kubelet reference',
    title: 'Kubernetes docs — kubelet command-line reference (--max-pods, default 110)',
    url: 'https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/',
    group: 'overhead',
    quote: '--max-pods int32 Default: 110. Number of Pods that can run on this Kubelet.',
  },
  'k8s-large-clusters': {
    short: 'Kubernetes: large clusters',
    title: 'Kubernetes docs — Considerations for large clusters',
    url: 'https://kubernetes.io/docs/setup/best-practices/cluster-large/',
    group: 'overhead',
    quote: 'Kubernetes is designed to accommodate configurations that meet all of the following criteria: No more than 110 pods per node; No more than 5,000 nodes; No more than 150,000 total pods; No more than 300,000 total containers.',
  },
  'cve-2019-5736': {
    short: 'CVE-2019-5736',
    title: 'CVE-2019-5736 — runc overwrite via /proc/self/exe (NVD)',
    url: 'https://nvd.nist.gov/vuln/detail/CVE-2019-5736',
    group: 'isolation',
    quote: 'runc through 1.0-rc6, as used in Docker before 18.09.2 and other products, allows attackers to overwrite the host runc binary (and consequently obtain host root access) by leveraging the ability to execute a command as root within one of these types of containers ... related to /proc/self/exe.',
  },
  'cve-2024-21626': {
    short: 'CVE-2024-21626',
    title: 'CVE-2024-21626 — runc leaked file descriptor, GHSA-xr7r-f8xq-vfvv',
    url: 'https://github.com/opencontainers/runc/security/advisories/GHSA-xr7r-f8xq-vfvv',
    group: 'isolation',
    quote: 'Paraphrase, not checked word for word: runc 1.0.0-rc93 through 1.1.11: an internal file descriptor leak ... a working directory in the host filesystem namespace, allowing for a container escape; fixed in runc 1.1.12.',
  },
  'cve-2016-5195': {
    short: 'CVE-2016-5195 (Dirty COW)',
    title: 'CVE-2016-5195 "Dirty COW" — copy-on-write race in the Linux kernel',
    url: 'https://www.cve.org/CVERecord?id=CVE-2016-5195',
    group: 'isolation',
    quote: 'Race condition in mm/gup.c in the Linux kernel 2.x through 4.x before 4.8.3 allows local users to gain privileges by leveraging incorrect handling of a copy-on-write (COW) feature to write to a read-only memory mapping, as exploited in the wild in October 2016, aka "Dirty COW."',
  },
  'cve-2022-0847': {
    short: 'CVE-2022-0847 (Dirty Pipe)',
    title: 'CVE-2022-0847 "Dirty Pipe" — page-cache overwrite in the Linux kernel',
    url: 'https://www.cve.org/CVERecord?id=CVE-2022-0847',
    group: 'isolation',
    quote: 'A flaw was found in the way the "flags" member of the new pipe buffer structure was lacking proper initialization ... An unprivileged local user could use this flaw to write to pages in the page cache backed by read only files.',
  },
  'lin-acsac-2018': {
    short: 'Lin et al., ACSAC 2018',
    title: 'Lin et al., "A Measurement Study on Linux Container Security: Attacks and Countermeasures", ACSAC 2018',
    url: 'https://doi.org/10.1145/3274694.3274720',
    group: 'isolation',
    quote: '... 50 (56.82%) exploits can successfully launch attacks from inside the container with the default configuration. (abstract; 88 exploits tested)',
  },
  'man-namespaces': {
    short: 'namespaces(7)',
    title: 'Linux man-pages — namespaces(7), clone(2), unshare(2)',
    url: 'https://man7.org/linux/man-pages/man7/namespaces.7.html',
    group: 'kernel',
    quote: 'Paraphrase, not checked word for word: namespaces(7) table: Mount ... (since Linux 2.4.19); User ... started in Linux 2.6.23 and completed in Linux 3.8; Cgroup ... Linux 4.6; Time ... Linux 5.6.',
  },
  'man-pid-namespaces': {
    short: 'pid_namespaces(7)',
    title: 'Linux man-pages — pid_namespaces(7): /proc shows only the processes of the PID namespace that mounted it (and network_namespaces(7): /proc/net per network namespace)',
    url: 'https://man7.org/linux/man-pages/man7/pid_namespaces.7.html',
    group: 'host',
    quote: 'A /proc filesystem shows (in the /proc/[pid] directories) only processes visible in the PID namespace of the process that performed the mount. / network_namespaces(7): ... the /proc/net directory (which is a symbolic link to /proc/PID/net)',
  },
  'man-cgroups': {
    short: 'cgroups(7)',
    title: 'Linux man-pages — cgroups(7)',
    url: 'https://man7.org/linux/man-pages/man7/cgroups.7.html',
    group: 'kernel',
    quote: 'Paraphrase, not checked word for word: the initial release of the cgroups implementation was in Linux 2.6.24 ... cgroups version 2 ... was officially released in Linux 4.5.',
  },
  'man-prctl': {
    short: 'prctl(2)',
    title: 'Linux man-pages — prctl(2): PR_SET_SECCOMP, SECCOMP_MODE_FILTER since Linux 3.5',
    url: 'https://man7.org/linux/man-pages/man2/prctl.2.html',
    group: 'kernel',
    quote: 'PR_SET_SECCOMP (since Linux 2.6.23) ... SECCOMP_MODE_FILTER (since Linux 3.5)',
  },
  'man-seccomp': {
    short: 'seccomp(2)',
    title: 'Linux man-pages — seccomp(2): the seccomp() system call since Linux 3.17',
    url: 'https://man7.org/linux/man-pages/man2/seccomp.2.html',
    group: 'kernel',
    quote: 'The seccomp() system call first appeared in Linux 3.17.',
  },
  'man-capabilities': {
    short: 'capabilities(7)',
    title: 'Linux man-pages — capabilities(7)',
    url: 'https://man7.org/linux/man-pages/man7/capabilities.7.html',
    group: 'kernel',
    quote: 'Paraphrase, not checked word for word: Starting with Linux 2.2, Linux divides the privileges traditionally associated with superuser into distinct units, known as capabilities, which can be independently enabled and disabled.',
  },
  'aws-lambda-security': {
    short: 'AWS Lambda whitepaper',
    title: 'AWS whitepaper — Security Overview of AWS Lambda: Lambda isolation technologies',
    url: 'https://docs.aws.amazon.com/whitepapers/latest/security-overview-aws-lambda/lambda-isolation-technologies.html',
    group: 'reality',
    quote: 'Execution environments are run on hardware virtualized virtual machines (MicroVMs) which are dedicated to a single AWS account. Execution environments are never shared across functions and MicroVMs are never shared across AWS accounts.',
  },
  'k8s-nodes': {
    short: 'Kubernetes: Nodes',
    title: 'Kubernetes docs — Nodes ("a node may be a virtual or physical machine")',
    url: 'https://kubernetes.io/docs/concepts/architecture/nodes/',
    group: 'reality',
    quote: 'Kubernetes runs your workload by placing containers into Pods to run on Nodes. A node may be a virtual or physical machine, depending on the cluster.',
  },
  'kata-architecture': {
    short: 'Kata Containers architecture',
    title: 'Kata Containers — design/architecture',
    url: 'https://github.com/kata-containers/kata-containers/tree/main/docs/design/architecture',
    group: 'reality',
    quote: 'Paraphrase, not checked word for word: Kata Containers is an open source community working to build a secure container runtime with lightweight virtual machines that feel and perform like standard Linux containers, but provide stronger workload isolation using hardware virtualization technology as a second layer of defense.',
  },
  'gke-sandbox': {
    short: 'GKE Sandbox',
    title: 'Google Kubernetes Engine — GKE Sandbox (gVisor)',
    url: 'https://cloud.google.com/kubernetes-engine/docs/concepts/sandbox-pods',
    group: 'reality',
    quote: 'GKE Sandbox provides an extra layer of security to prevent untrusted code from affecting the host kernel on your cluster nodes.',
  },
  'hyperv-containers': {
    short: 'Hyper-V isolation',
    title: 'Microsoft — Hyper-V isolation for Windows containers',
    url: 'https://learn.microsoft.com/en-us/virtualization/windowscontainers/manage-containers/hyperv-container',
    group: 'reality',
    quote: 'each container runs inside of a special virtual machine ... kernel level isolation',
  },
  'moby-seccomp-default': {
    short: 'moby/profiles default.json',
    title: 'moby/profiles — seccomp/default.json, Docker\'s default seccomp profile (seccomp/v0.2.3, May 2026): an allowlist, SCMP_ACT_ERRNO for the rest',
    url: 'https://github.com/moby/profiles/blob/836ae4d37ef2ec995c77c99fc55f5b5f3af3a897/seccomp/default.json',
    group: 'defence',
    quote: '"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 1; counted here from the file at seccomp/v0.2.3: 361 system-call names with "action": "SCMP_ACT_ALLOW" and no condition, 65 more allowed only with a capability (50), on some architectures or with argument checks.',
  },
  'docker-seccomp': {
    short: 'Docker: seccomp profiles',
    title: 'Docker docs — Seccomp security profiles for Docker (the page\'s "disables around 44 system calls out of 300+" dates from 2016)',
    url: 'https://docs.docker.com/engine/security/seccomp/',
    group: 'defence',
    quote: 'The default seccomp profile provides a sane default for running containers with seccomp and disables around 44 system calls out of 300+. It is moderately protective while providing wide application compatibility. (the same sentence in moby\'s docs/security/seccomp.md of 2016)',
  },
  'docker-security': {
    short: 'Docker security',
    title: 'Docker docs — Docker security (capabilities on an allowlist; user-namespace remapping available, not on by default)',
    url: 'https://docs.docker.com/engine/security/',
    group: 'defence',
    quote: 'Paraphrase, not checked word for word: By default, Docker starts containers with a restricted set of capabilities ... (an allowlist); user namespace remapping is available but not enabled by default.',
  },
  'k8s-seccomp': {
    short: 'Kubernetes: seccomp',
    title: 'Kubernetes docs — Restrict a Container\'s Syscalls with seccomp (Unconfined unless a profile or --seccomp-default is set)',
    url: 'https://kubernetes.io/docs/tutorials/security/seccomp/',
    group: 'defence',
    quote: 'If enabled, the kubelet will use the RuntimeDefault seccomp profile by default, which is defined by the container runtime, instead of using the Unconfined (seccomp disabled) mode. (--seccomp-default, stable since v1.27, off unless set)',
  },
  'kernel-no-new-privs': {
    short: 'no_new_privs',
    title: 'Linux kernel docs — No New Privileges Flag',
    url: 'https://docs.kernel.org/userspace-api/no_new_privs.html',
    group: 'defence',
    quote: 'Paraphrase, not checked word for word: Any task can set no_new_privs. Once the bit is set, it is inherited across fork, clone, and execve and cannot be unset. With no_new_privs set, execve() promises not to grant the privilege to do anything that could not have been done without the execve call.',
  },
  'k8s-user-namespaces': {
    short: 'Kubernetes: user namespaces',
    title: 'Kubernetes docs — User Namespaces (pod.spec.hostUsers: false)',
    url: 'https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/',
    group: 'defence',
    quote: 'A pod can opt-in to use user namespaces by setting the pod.spec.hostUsers field to false. ... Without using a user namespace a container running as root, in the case of a container breakout, has root privileges on the node.',
  },
  'docker-rootless': {
    short: 'Docker: rootless mode',
    title: 'Docker docs — Rootless mode (daemon and containers inside a user namespace)',
    url: 'https://docs.docker.com/engine/security/rootless/',
    group: 'defence',
    quote: 'Paraphrase, not checked word for word: Rootless mode lets you run the Docker daemon and containers as a non-root user ... Rootless mode executes the Docker daemon and containers inside a user namespace.',
  },
  'gvisor-security': {
    short: 'gVisor security',
    title: 'gVisor docs — Introduction to gVisor security ("gVisor never passes through any system call to the host")',
    url: 'https://gvisor.dev/docs/architecture_guide/intro_to_gvisor/',
    group: 'defence',
    quote: 'gVisor never passes through any system call to the host.',
  },
  'gvisor-performance': {
    short: 'gVisor performance guide',
    title: 'gVisor docs — Performance Guide (system-call-bound applications pay most)',
    url: 'https://gvisor.dev/docs/architecture_guide/performance/',
    group: 'defence',
    quote: 'This cost will principally impact applications that are system call bound, which tend to be high-performance data stores and static network services. In general, the impact of system call interception will be lower the more work an application does.',
  },
  'firecracker-design': {
    short: 'Firecracker design',
    title: 'Firecracker — docs/design.md (virtio net, block and vsock, a serial console, a partial keyboard controller; seccomp and the jailer around the VMM)',
    url: 'https://github.com/firecracker-microvm/firecracker/blob/main/docs/design.md',
    group: 'boundary',
    quote: 'Firecracker provides guests with storage and network access via emulated VirtIO Net and VirtIO Block devices. It also exposes a serial console and partial keyboard controller ... In production environments, Firecracker should be started only via the `jailer` binary.',
  },
  'cve-2015-3456': {
    short: 'CVE-2015-3456 (VENOM)',
    title: 'CVE-2015-3456 "VENOM" — QEMU floppy disk controller, guest to host (NVD)',
    url: 'https://nvd.nist.gov/vuln/detail/CVE-2015-3456',
    group: 'boundary',
    quote: 'The Floppy Disk Controller (FDC) in QEMU, as used in Xen 4.5.x and earlier and KVM, allows local guest users to cause a denial of service (out-of-bounds write and guest crash) or possibly execute arbitrary code via unspecified commands, aka VENOM.',
  },
  'kernel-l1tf': {
    short: 'Linux docs: L1TF',
    title: 'Linux kernel docs — L1TF - L1 Terminal Fault (CVE-2018-3646, the VMM variant)',
    url: 'https://docs.kernel.org/admin-guide/hw-vuln/l1tf.html',
    group: 'boundary',
    quote: 'the attacker can read data which is resident in the L1D cache ... The victim can be host OS, host user space or a different guest. ... The performance impact ... ranges from 1% to 50%.',
  },
  'kernel-mds': {
    short: 'Linux docs: MDS',
    title: 'Linux kernel docs — MDS - Microarchitectural Data Sampling',
    url: 'https://docs.kernel.org/admin-guide/hw-vuln/mds.html',
    group: 'boundary',
    quote: 'Malicious guest OSes can obviously mount attacks as well. ... guest to host and guest to guest attacks are prevented only when the mitigation is enabled and SMT is disabled.',
  },
  'kernel-coco-threat-model': {
    short: 'Linux docs: CoCo threat model',
    title: 'Linux kernel docs — Confidential Computing in Linux for x86 virtualization (the SEV-SNP and TDX threat model)',
    url: 'https://docs.kernel.org/security/snp-tdx-threat-model.html',
    group: 'boundary',
    quote: 'traditionally the host has unlimited access to guest data and can leverage this access to attack the guest.',
  },
  'amd-sev-snp': {
    short: 'AMD SEV-SNP whitepaper',
    title: 'AMD — "AMD SEV-SNP: Strengthening VM Isolation with Integrity Protection and More", white paper, 2020',
    url: 'https://www.amd.com/content/dam/amd/en/documents/epyc-business-docs/white-papers/SEV-SNP-strengthening-vm-isolation-with-integrity-protection-and-more.pdf',
    group: 'boundary',
    quote: 'SEV-SNP adds strong memory integrity protection to help prevent malicious hypervisor-based attacks like data replay, memory re-mapping, and more in order to create an isolated execution environment.',
  },
  'kernel-tdx': {
    short: 'Linux docs: TDX',
    title: 'Linux kernel docs — Intel Trust Domain Extensions (TDX)',
    url: 'https://docs.kernel.org/arch/x86/tdx.html',
    group: 'boundary',
    quote: 'Intel\'s Trust Domain Extensions (TDX) protect confidential guest VMs from the host and physical attacks.',
  },
  'coco-overview': {
    short: 'Confidential Containers',
    title: 'Confidential Containers (CNCF) — overview ("lock out the Cloud Service Provider"; Kata Containers as the basis)',
    url: 'https://github.com/confidential-containers/confidential-containers/blob/main/overview.md',
    group: 'boundary',
    quote: 'lock out the Cloud Service Provider ... Kata Containers are the basis for our initial work.',
  },
  'slacker': {
    short: 'Harter et al., FAST 2016',
    title: 'Harter et al., "Slacker: Fast Distribution with Lazy Docker Containers", USENIX FAST 2016',
    url: 'https://www.usenix.org/conference/fast16/technical-sessions/presentation/harter',
    group: 'practice',
    quote: 'pulling packages accounts for 76% of container start time, but only 6.4% of that data is read.',
  },
  'stargz-snapshotter': {
    short: 'stargz-snapshotter',
    title: 'containerd/stargz-snapshotter — README (lazy pulling with eStargz)',
    url: 'https://github.com/containerd/stargz-snapshotter',
    group: 'practice',
    quote: 'a container can run without waiting for the pull completion of the image and necessary chunks of the image are fetched on-demand.',
  },
  'soci-snapshotter': {
    short: 'SOCI snapshotter',
    title: 'awslabs/soci-snapshotter — README (lazy loading of standard OCI images)',
    url: 'https://github.com/awslabs/soci-snapshotter',
    group: 'practice',
    quote: 'Paraphrase, not checked word for word: SOCI Snapshotter is a containerd snapshotter plugin that enables standard OCI images to be lazily loaded without requiring a build-time conversion step.',
  },
  'firecracker-snapshots': {
    short: 'Firecracker snapshots',
    title: 'Firecracker — docs/snapshotting/snapshot-support.md (guest memory and device state; pages loaded on demand)',
    url: 'https://github.com/firecracker-microvm/firecracker/blob/main/docs/snapshotting/snapshot-support.md',
    group: 'practice',
    quote: 'When loading a snapshot, instead of loading at resume time the full contents from file to memory, Firecracker creates a MAP_PRIVATE mapping of the memory file, resulting in runtime on-demand loading of memory pages.',
  },
  'lambda-snapstart': {
    short: 'Lambda SnapStart',
    title: 'AWS Lambda Developer Guide — Improving startup performance with Lambda SnapStart',
    url: 'https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html',
    group: 'practice',
    quote: 'Lambda takes a Firecracker microVM snapshot of the memory and disk state of the initialized execution environment ... as low as sub-second startup performance.',
  },
  'criu': {
    short: 'CRIU',
    title: 'checkpoint-restore/criu — README (Checkpoint and Restore in Userspace)',
    url: 'https://github.com/checkpoint-restore/criu',
    group: 'practice',
    quote: 'Paraphrase, not checked word for word: CRIU is a project to implement checkpoint/restore functionality for Linux.',
  },
  'k8s-checkpoint': {
    short: 'Kubelet checkpoint API',
    title: 'Kubernetes docs — Kubelet Checkpoint API',
    url: 'https://kubernetes.io/docs/reference/node/kubelet-checkpoint-api/',
    group: 'practice',
    quote: 'Paraphrase, not checked word for word: Checkpointing a container is the functionality to create a stateful copy of a running container. ... (ContainerCheckpoint, beta and enabled by default since v1.30)',
  },
  'docker-multi-platform': {
    short: 'Docker: multi-platform builds',
    title: 'Docker docs — Multi-platform builds ("the code that\'s running inside the container must be compatible with the host\'s architecture")',
    url: 'https://docs.docker.com/build/building/multi-platform/',
    group: 'practice',
    quote: 'the code that\'s running inside the container must be compatible with the host\'s architecture. This is why you can\'t run a linux/amd64 container on an arm64 host (without using emulation)',
  },
  'man-execve': {
    short: 'execve(2)',
    title: 'Linux man-pages — execve(2) (ENOEXEC: "for the wrong architecture")',
    url: 'https://man7.org/linux/man-pages/man2/execve.2.html',
    group: 'practice',
    quote: 'ENOEXEC An executable is not in a recognized format, is for the wrong architecture, or has some other format error that means it cannot be executed.',
  },
  'windows-version-compat': {
    short: 'Windows container versions',
    title: 'Microsoft Learn — Windows container version compatibility',
    url: 'https://learn.microsoft.com/en-us/virtualization/windowscontainers/deploy-containers/version-compatibility',
    group: 'practice',
    quote: 'With process isolation ... the container\'s base image OS version must match that of the host ... containers are blocked from starting when the build number between the container host and the container image are different.',
  },
  'wsl-compare': {
    short: 'Comparing WSL versions',
    title: 'Microsoft Learn — Comparing WSL Versions ("a Linux kernel inside of a lightweight utility virtual machine")',
    url: 'https://learn.microsoft.com/en-us/windows/wsl/compare-versions',
    group: 'practice',
    quote: 'WSL 2 uses the latest and greatest in virtualization technology to run a Linux kernel inside of a lightweight utility virtual machine (VM).',
  },
  'docker-desktop-vmm': {
    short: 'Docker Desktop VMM',
    title: 'Docker docs — Virtual Machine Manager for Docker Desktop on Mac ("the Linux VM that runs containers")',
    url: 'https://docs.docker.com/desktop/features/vmm/',
    group: 'practice',
    quote: 'The Virtual Machine Manager (VMM) in Docker Desktop for Mac is responsible for creating and managing the Linux VM that runs containers.',
  },
  'aks-core-concepts': {
    short: 'AKS core concepts',
    title: 'Microsoft Learn — Core concepts for Azure Kubernetes Service (AKS) ("Nodes are the underlying virtual machines")',
    url: 'https://learn.microsoft.com/en-us/azure/aks/core-aks-concepts',
    group: 'reality',
    quote: 'Nodes: Nodes are the underlying virtual machines (VMs) that run your applications.',
  },
  'eks-managed-nodes': {
    short: 'EKS managed node groups',
    title: 'Amazon EKS User Guide — Simplify node lifecycle with managed node groups (nodes are Amazon EC2 instances)',
    url: 'https://docs.aws.amazon.com/eks/latest/userguide/managed-node-groups.html',
    group: 'reality',
    quote: 'Paraphrase, not checked word for word: Amazon EKS managed node groups automate the provisioning and lifecycle management of nodes (Amazon EC2 instances) for Amazon EKS Kubernetes clusters.',
  },
  'lxcfs': {
    short: 'LXCFS README',
    title: 'lxc/lxcfs — README (makes /proc/meminfo, /proc/cpuinfo and others container-aware)',
    url: 'https://github.com/lxc/lxcfs',
    group: 'host',
    quote: 'LXCFS is a small FUSE filesystem written with the intention of making Linux containers feel more like a virtual machine. ... /proc/cpuinfo /proc/diskstats /proc/meminfo /proc/stat /proc/swaps /proc/uptime ... are container aware',
  },
  'coreutils-news': {
    short: 'coreutils NEWS',
    title: 'GNU coreutils — NEWS, release 9.8 (2025): "nproc now honors any cgroup v2 configured CPU quotas"',
    url: 'https://github.com/coreutils/coreutils/blob/master/NEWS',
    group: 'host',
    quote: 'nproc now honors any cgroup v2 configured CPU quotas, which may reduce the returned value. (release 9.8)',
  },
  'jdk-8146115': {
    short: 'JDK-8146115',
    title: 'OpenJDK — JDK-8146115: Improve docker container detection and resource configuration usage (JDK 10; backported to 8u191)',
    url: 'https://bugs.openjdk.org/browse/JDK-8146115',
    group: 'host',
    quote: 'Paraphrase, not checked word for word: Improve docker container detection and resource configuration usage (fix version 10; backported to 8u191)',
  },
  'go-1-25': {
    short: 'Go 1.25 release notes',
    title: 'Go 1.25 Release Notes — container-aware GOMAXPROCS',
    url: 'https://go.dev/doc/go1.25#container-aware-gomaxprocs',
    group: 'host',
    quote: 'On Linux, the runtime considers the CPU bandwidth limit of the cgroup containing the process, if any. If the CPU bandwidth limit is lower than the number of logical CPUs available, GOMAXPROCS will default to the lower limit.',
  },
  'k8s-sysctls': {
    short: 'Kubernetes: sysctls',
    title: 'Kubernetes docs — Using sysctls in a Kubernetes Cluster (namespaced and node-level sysctls)',
    url: 'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/',
    group: 'host',
    quote: 'Paraphrase, not checked word for word: namespaced sysctls: kernel.shm*, kernel.msg*, kernel.sem, fs.mqueue.*, and the parameters under net.* that can be set in a container network namespace ... Sysctls with no namespace are called node-level sysctls.',
  },
  'conntrack-readonly': {
    short: 'Linux commit 2671fa4dc010',
    title: 'Linux commit 2671fa4dc010, "netfilter: conntrack: Make global sysctls readonly in non-init netns" (2021)',
    url: 'https://github.com/torvalds/linux/commit/2671fa4dc010',
    group: 'host',
    quote: 'netfilter: conntrack: Make global sysctls readonly in non-init netns (Linux 5.13; in the stable queues for 5.10, 5.11 and 5.12 on 2021-05-03, and in 5.4, 4.19 and 4.9 that May)',
  },
  'kernel-cgroup-v2': {
    short: 'Linux docs: cgroup v2',
    title: 'Linux kernel docs — Control Group v2 (memory ownership, memory.high, writeback, PID)',
    url: 'https://docs.kernel.org/admin-guide/cgroup-v2.html',
    group: 'host',
    quote: 'Memory is tracked per page while writeback per inode. For the purpose of writeback, an inode is assigned to a cgroup and all IO requests to write dirty pages from the inode are attributed to that cgroup. ... cgroup writeback is implemented on ext2, ext4, btrfs, f2fs, and xfs.',
  },
  'kernel-psi': {
    short: 'Linux docs: PSI',
    title: 'Linux kernel docs — PSI - Pressure Stall Information',
    url: 'https://docs.kernel.org/accounting/psi.html',
    group: 'host',
    quote: 'Paraphrase, not checked word for word: When CPU, memory or IO devices are contended, workloads experience latency spikes, throughput losses, and run the risk of OOM kills. ... PSI ... (Linux 4.20)',
  },
  'k8s-cgroup-v2': {
    short: 'Kubernetes: cgroup v2',
    title: 'Kubernetes docs — About cgroup v2 (stable since 1.25)',
    url: 'https://kubernetes.io/docs/concepts/architecture/cgroups/',
    group: 'host',
    quote: 'cgroup v2 ... stable in v1.25 / Deprecation of cgroup v1 (v1.35): Kubelet will no longer start on a cgroup v1 node by default. / OpenJDK: jdk8u372, 11.0.16, 15 and later',
  },
  'firecracker-readme': {
    short: 'Firecracker README',
    title: 'Firecracker — README ("excludes unnecessary devices and guest-facing functionality to reduce the memory footprint and attack surface area")',
    url: 'https://github.com/firecracker-microvm/firecracker',
    group: 'boundary',
    quote: 'It excludes unnecessary devices and guest-facing functionality to reduce the memory footprint and attack surface area of each microVM.',
  },
  'cve-2023-20592': {
    short: 'CVE-2023-20592 (CacheWarp)',
    title: 'CVE-2023-20592 "CacheWarp" — AMD SEV-ES and SEV-SNP guest memory integrity (NVD)',
    url: 'https://nvd.nist.gov/vuln/detail/CVE-2023-20592',
    group: 'boundary',
    quote: 'Improper or unexpected behavior of the INVD instruction in some AMD CPUs may allow an attacker with a malicious hypervisor to affect cache line write-back behavior of the CPU leading to a potential loss of guest virtual machine (VM) memory integrity.',
  },
  'cve-2021-29657': {
    short: 'CVE-2021-29657',
    title: 'CVE-2021-29657 — KVM on AMD, nested virtualisation: a guest with nested guests can bypass access control on the host\'s MSRs; fixed in Linux 5.11.12 (NVD)',
    url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-29657',
    group: 'cpu',
    quote: 'arch/x86/kvm/svm/nested.c in the Linux kernel before 5.11.12 has a use-after-free in which an AMD KVM guest can bypass access control on host OS MSRs when there are nested guests ... a TOCTOU race condition associated with a VMCB12 double fetch in nested_svm_vmrun.',
  },
  'p0-epyc-escape': {
    short: 'Project Zero: An EPYC escape',
    title: 'Felix Wilhelm, Google Project Zero — "An EPYC escape: Case-study of a KVM breakout" (2021), the exploit of CVE-2021-29657',
    url: 'https://googleprojectzero.blogspot.com/2021/06/an-epyc-escape-case-study-of-kvm.html',
    group: 'cpu',
    quote: 'An EPYC escape: Case-study of a KVM breakout (Felix Wilhelm, 2021): the exploitation of CVE-2021-29657 into a guest-to-host escape.',
  },
  'kvmctf': {
    short: 'kvmCTF rules',
    title: 'Google — kvmCTF rules (guest-to-host attacks on KVM; "Full VM escape | $250,000"; QEMU out of scope)',
    url: 'https://github.com/google/security-research/blob/master/kvmctf/rules.md',
    group: 'cpu',
    quote: 'The goal is to perform a successful guest-to-host attack. Currently we do not reward QEMU, host-to-KVM or CPU/DRAM/HW-based vulnerabilities. ... | Full VM escape | $250,000 |',
  },
  'cve-2023-20593': {
    short: 'CVE-2023-20593 (Zenbleed)',
    title: 'CVE-2023-20593 "Zenbleed" — AMD Zen 2: register contents of another process or thread (NVD)',
    url: 'https://nvd.nist.gov/vuln/detail/CVE-2023-20593',
    group: 'cpu',
    quote: 'An issue in "Zen 2" CPUs, under specific microarchitectural circumstances, may allow an attacker to potentially access sensitive information.',
  },
  'cve-2023-20569': {
    short: 'CVE-2023-20569 (Inception)',
    title: 'CVE-2023-20569 "Inception" — AMD: return address prediction steered by an attacker (NVD)',
    url: 'https://nvd.nist.gov/vuln/detail/CVE-2023-20569',
    group: 'cpu',
    quote: 'A side channel vulnerability in some of the AMD CPUs may allow an attacker to influence the return address prediction. This may result in speculative execution at an attacker-controlled address, potentially leading to information disclosure.',
  },
  'kernel-gds': {
    short: 'Linux docs: GDS (Downfall)',
    title: 'Linux kernel docs — GDS - Gather Data Sampling (CVE-2022-40982, "Downfall", Intel)',
    url: 'https://docs.kernel.org/admin-guide/hw-vuln/gather_data_sampling.html',
    group: 'cpu',
    quote: 'Without mitigation, GDS can infer stale data across virtually all permission boundaries: ... Userspace can infer kernel data / Guests can infer data from hosts ... Because the buffers are shared between Hyper-Threads cross Hyper-Thread attacks are possible.',
  },
  'kernel-rfds': {
    short: 'Linux docs: RFDS',
    title: 'Linux kernel docs — Register File Data Sampling (RFDS, CVE-2023-28746, Intel Atom)',
    url: 'https://docs.kernel.org/admin-guide/hw-vuln/reg-file-data-sampling.html',
    group: 'cpu',
    quote: 'RFDS is a CPU vulnerability that may allow userspace to infer kernel stale data previously used in floating point registers, vector registers and integer registers. RFDS only affects certain Intel Atom processors.',
  },
  'kernel-core-scheduling': {
    short: 'Linux docs: core scheduling',
    title: 'Linux kernel docs — Core Scheduling (only tasks that trust each other share a core)',
    url: 'https://docs.kernel.org/admin-guide/hw-vuln/core-scheduling.html',
    group: 'cpu',
    quote: 'Core scheduling support allows userspace to define groups of tasks that can share a core. ... Without core scheduling, the only full mitigation of cross-HT attacks is to disable Hyper Threading (HT).',
  },
  'firecracker-prod-host': {
    short: 'Firecracker production host setup',
    title: 'Firecracker — docs/prod-host-setup.md (disable SMT where tenants must be separated; disable KSM, a side channel)',
    url: 'https://github.com/firecracker-microvm/firecracker/blob/main/docs/prod-host-setup.md',
    group: 'cpu',
    quote: 'our recommendation is to disable SMT in production scenarios that require tenant separation. / Users should disable Kernel Samepage Merging to mitigate side channel issues that rely on page deduplication',
  },
  'k8s-pod-security-standards': {
    short: 'Kubernetes: Pod Security Standards',
    title: 'Kubernetes docs — Pod Security Standards ("restricted": allowPrivilegeEscalation false, seccomp RuntimeDefault or Localhost, drop ALL capabilities, non-root)',
    url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    group: 'defence',
    quote: 'Restricted: Privilege escalation (such as via set-user-ID or set-group-ID file mode) should not be allowed (allowPrivilegeEscalation: false); Seccomp profile must be explicitly set to RuntimeDefault or Localhost; Containers must drop ALL capabilities; Containers must be required to run as non-root users.',
  },
  'k8s-feature-gates': {
    short: 'Kubernetes: feature gates',
    title: 'Kubernetes docs — Feature gates (UserNamespacesSupport: beta, on by default since 1.33)',
    url: 'https://kubernetes.io/docs/reference/command-line-tools-reference/feature-gates/',
    group: 'defence',
    quote: 'UserNamespacesSupport: alpha (false) 1.28-1.29; beta (false) 1.30-1.32; beta, default true, from 1.33. "Enable user namespace support for Pods."',
  },
  'firecracker-ballooning': {
    short: 'Firecracker balloon',
    title: 'Firecracker — docs/ballooning.md (the balloon device; free page reporting and hinting)',
    url: 'https://github.com/firecracker-microvm/firecracker/blob/main/docs/ballooning.md',
    group: 'overhead',
    quote: 'A memory balloon device is a virtio device that can be used to reclaim and give back guest memory through API commands issued by the host. / Free page reporting ... the balloon device will madvise the range with the MADV_DONTNEED flag, reducing the RSS of the guest.',
  },
  'firecracker-memory-hotplug': {
    short: 'Firecracker virtio-mem',
    title: 'Firecracker — docs/memory-hotplug.md (memory hotplugging with virtio-mem)',
    url: 'https://github.com/firecracker-microvm/firecracker/blob/main/docs/memory-hotplug.md',
    group: 'overhead',
    quote: 'virtio-mem is a para-virtualized memory device that enables dynamic memory resizing for virtual machines. ... x86_64: minimal kernel version is 5.16',
  },
  'kernel-ksm': {
    short: 'Linux docs: KSM',
    title: 'Linux kernel docs — Kernel Samepage Merging ("originally developed for use with KVM ... to fit more virtual machines into physical memory")',
    url: 'https://docs.kernel.org/admin-guide/mm/ksm.html',
    group: 'overhead',
    quote: 'KSM was originally developed for use with KVM (where it was known as Kernel Shared Memory), to fit more virtual machines into physical memory, by sharing the data common between them.',
  },
  'apple-containerization': {
    short: 'apple/containerization',
    title: 'Apple — Containerization, README ("executes each Linux container inside of its own lightweight virtual machine")',
    url: 'https://github.com/apple/containerization',
    group: 'reality',
    quote: 'Containerization executes each Linux container inside of its own lightweight virtual machine.',
  },
  'coco-peer-pods': {
    short: 'CoCo peer pods',
    title: 'Confidential Containers — cloud-api-adaptor, README (peer pods: Kata Containers VMs created through a cloud provider\'s API)',
    url: 'https://github.com/confidential-containers/cloud-api-adaptor',
    group: 'reality',
    quote: 'It enables the creation of Kata Containers VMs on any machines without the need for bare metal worker nodes, or nested virtualisation support.',
  },
  'aws-fargate': {
    short: 'AWS Fargate (ECS)',
    title: 'Amazon ECS Developer Guide — AWS Fargate ("does not share the underlying kernel, CPU resources, memory resources, or elastic network interface with another task")',
    url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AWS_Fargate.html',
    group: 'reality',
    quote: 'Each Fargate task has its own isolation boundary and does not share the underlying kernel, CPU resources, memory resources, or elastic network interface with another task.',
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

/**
 * The sources a reference slide lists for its groups: all of them in the full
 * edition (`cited` null); in the short edition (components/slot.ts), of the
 * figures' sources only those its slides still cite. The chapter's own
 * references stay: they are the chapter's list, not citations.
 */
export function sourcesShown(groups: readonly SourceGroup[], cited: readonly SourceId[] | null): Array<Source & { id: SourceId }> {
  return sourcesInGroups(groups).filter(source => cited === null || source.group === 'chapter' || cited.includes(source.id))
}
