// What "save as stack" reads of a container and its image: the engine's inspect fields, by the
// engine's own names. The engine package's types list fewer fields (only what the rest of the
// daemon needs); these narrow types read the rest without widening those. An engine's
// `ContainerInspect` and `ImageInspect` are assignable to them.

/** A healthcheck as the engine stores it, in the container's config or the image's. */
export interface HealthcheckDetails {
  Test?: string[] | null;
  /** Nanoseconds, like every duration below. */
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  StartInterval?: number;
  Retries?: number;
}

/** A container's configuration, as `GET /containers/{id}/json` gives it. */
export interface ContainerDetails {
  Id: string;
  Name: string;
  Image: string;
  Config: {
    Image: string;
    Hostname?: string;
    Domainname?: string;
    User?: string;
    Env: string[] | null;
    Cmd: string[] | null;
    Entrypoint: string[] | null;
    WorkingDir?: string;
    Labels: Record<string, string> | null;
    ExposedPorts?: Record<string, object> | null;
    Healthcheck?: HealthcheckDetails;
    Tty: boolean;
    OpenStdin?: boolean;
    StopSignal?: string;
    StopTimeout?: number | null;
  };
  HostConfig: {
    PortBindings?: Record<string, Array<{ HostIp?: string; HostPort?: string }> | null> | null;
    RestartPolicy?: { Name: string; MaximumRetryCount?: number };
    NetworkMode?: string;
    PidMode?: string;
    IpcMode?: string;
    UsernsMode?: string;
    CgroupParent?: string;
    Runtime?: string;
    Privileged?: boolean;
    ReadonlyRootfs?: boolean;
    Init?: boolean | null;
    CapAdd?: string[] | null;
    CapDrop?: string[] | null;
    SecurityOpt?: string[] | null;
    GroupAdd?: string[] | null;
    ExtraHosts?: string[] | null;
    Dns?: string[] | null;
    DnsOptions?: string[] | null;
    DnsSearch?: string[] | null;
    Links?: string[] | null;
    VolumesFrom?: string[] | null;
    Devices?: Array<{ PathOnHost: string; PathInContainer: string; CgroupPermissions?: string }> | null;
    DeviceRequests?: Array<{
      Driver?: string;
      Count?: number;
      DeviceIDs?: string[] | null;
      Capabilities?: string[][] | null;
      Options?: Record<string, string> | null;
    }> | null;
    LogConfig?: { Type?: string; Config?: Record<string, string> | null };
    Memory?: number;
    MemoryReservation?: number;
    MemorySwap?: number;
    MemorySwappiness?: number | null;
    OomKillDisable?: boolean | null;
    OomScoreAdj?: number;
    NanoCpus?: number;
    CpuShares?: number;
    CpuPeriod?: number;
    CpuQuota?: number;
    CpusetCpus?: string;
    PidsLimit?: number | null;
    ShmSize?: number;
    Ulimits?: Array<{ Name: string; Soft: number; Hard: number }> | null;
    Sysctls?: Record<string, string> | null;
    Tmpfs?: Record<string, string> | null;
    /** `--mount` specs; read here only for tmpfs options, which `Mounts` below leaves out. */
    Mounts?: Array<{ Type: string; Target: string; TmpfsOptions?: { SizeBytes?: number; Mode?: number } }>;
  };
  /** Every mount as the engine made it (from `-v`, `--mount` and the image's volumes). */
  Mounts: Array<{
    Type: string;
    Name?: string;
    Source: string;
    Destination: string;
    RW: boolean;
    Mode?: string;
    Propagation?: string;
    Driver?: string;
  }>;
  NetworkSettings: {
    Networks?: Record<
      string,
      {
        /** Unread; named so that the engine package's narrower endpoint type fits this one. */
        NetworkID?: string;
        Aliases?: string[] | null;
        IPAMConfig?: { IPv4Address?: string; IPv6Address?: string } | null;
      }
    >;
  };
}

/** The image's defaults, which the service leaves out rather than repeats. */
export interface ImageDefaults {
  Config?: {
    Env?: string[] | null;
    Labels?: Record<string, string> | null;
    Cmd?: string[] | null;
    Entrypoint?: string[] | null;
    WorkingDir?: string;
    User?: string;
    ExposedPorts?: Record<string, object> | null;
    Healthcheck?: HealthcheckDetails;
    Volumes?: Record<string, object> | null;
    StopSignal?: string;
  } | null;
}
