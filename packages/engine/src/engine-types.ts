// Engine API shapes, reduced to the fields Harbourmaster reads. Field names are the engine's own.

export interface EngineVersion {
  Version: string;
  ApiVersion: string;
  MinAPIVersion?: string;
  Os: string;
  Arch: string;
  KernelVersion?: string;
}

export interface EngineInfo {
  ID: string;
  Name: string;
  ServerVersion: string;
  OperatingSystem: string;
  NCPU: number;
  MemTotal: number;
  Containers: number;
  ContainersRunning: number;
  ContainersPaused: number;
  ContainersStopped: number;
  Images: number;
  CgroupVersion?: string;
  CgroupDriver?: string;
  /** Where the engine keeps images, containers and volumes, on its own host. */
  DockerRootDir?: string;
  Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean };
  /** Drivers by kind; managed plugins appear as `name:tag`. */
  Plugins?: { Volume?: string[] | null; Network?: string[] | null };
}

export interface PortBinding {
  IP?: string;
  PrivatePort: number;
  PublicPort?: number;
  Type: 'tcp' | 'udp' | 'sctp';
}

export interface ContainerSummary {
  Id: string;
  Names: string[];
  Image: string;
  ImageID: string;
  Command: string;
  Created: number;
  State: string;
  Status: string;
  Ports: PortBinding[];
  Labels: Record<string, string> | null;
  HostConfig?: { NetworkMode?: string };
  NetworkSettings?: { Networks?: Record<string, { NetworkID?: string }> };
  Mounts?: Array<{ Type: string; Name?: string; Source: string; Destination: string; RW: boolean }>;
}

export interface HealthState {
  Status: 'none' | 'starting' | 'healthy' | 'unhealthy';
  FailingStreak: number;
  Log?: Array<{ Start: string; End: string; ExitCode: number; Output: string }>;
}

export interface ContainerInspect {
  Id: string;
  Name: string;
  Created: string;
  Image: string;
  RestartCount: number;
  State: {
    Status: string;
    Running: boolean;
    Paused: boolean;
    Restarting: boolean;
    OOMKilled: boolean;
    Dead: boolean;
    Pid: number;
    ExitCode: number;
    Error: string;
    StartedAt: string;
    FinishedAt: string;
    Health?: HealthState;
  };
  Config: {
    Image: string;
    Tty: boolean;
    Env: string[] | null;
    Cmd: string[] | null;
    Entrypoint: string[] | null;
    Labels: Record<string, string> | null;
    ExposedPorts?: Record<string, object> | null;
    Healthcheck?: HealthcheckConfig;
    WorkingDir?: string;
    User?: string;
  };
  HostConfig: HostConfig;
  Mounts: Array<{ Type: string; Name?: string; Source: string; Destination: string; RW: boolean }>;
  NetworkSettings: {
    Ports?: Record<string, Array<{ HostIp: string; HostPort: string }> | null> | null;
    Networks?: Record<string, { NetworkID?: string; IPAddress?: string }>;
  };
}

export interface HealthcheckConfig {
  Test?: string[];
  /** Nanoseconds. */
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  Retries?: number;
}

export interface MountSpec {
  Type: 'bind' | 'volume' | 'tmpfs';
  Source?: string;
  Target: string;
  ReadOnly?: boolean;
}

export interface HostConfig {
  Binds?: string[] | null;
  Mounts?: MountSpec[];
  PortBindings?: Record<string, Array<{ HostIp?: string; HostPort?: string }>> | null;
  RestartPolicy?: { Name: string; MaximumRetryCount?: number };
  NetworkMode?: string;
  PidMode?: string;
  Privileged?: boolean;
  Memory?: number;
  MemoryReservation?: number;
  NanoCpus?: number;
  PidsLimit?: number | null;
  CapAdd?: string[] | null;
  AutoRemove?: boolean;
}

export interface ContainerCreateBody {
  Image: string;
  Cmd?: string[];
  Entrypoint?: string[];
  Env?: string[];
  Labels?: Record<string, string>;
  ExposedPorts?: Record<string, object>;
  Healthcheck?: HealthcheckConfig;
  Tty?: boolean;
  OpenStdin?: boolean;
  WorkingDir?: string;
  User?: string;
  HostConfig?: HostConfig;
  NetworkingConfig?: { EndpointsConfig?: Record<string, object> };
}

export interface ExecInspect {
  ID: string;
  Running: boolean;
  ExitCode: number | null;
  Pid: number;
}

export interface ImageSummary {
  Id: string;
  ParentId: string;
  RepoTags: string[] | null;
  RepoDigests: string[] | null;
  Created: number;
  Size: number;
  Containers: number;
  Labels: Record<string, string> | null;
}

export interface ImageInspect {
  Id: string;
  RepoTags: string[] | null;
  RepoDigests: string[] | null;
  Created: string;
  Size: number;
  Architecture: string;
  Os: string;
  Config?: { Labels?: Record<string, string> | null; Env?: string[] | null };
}

export interface PullProgress {
  status: string;
  /** The layer id, when the message is about one layer. */
  id?: string;
  progress?: string;
  progressDetail?: { current?: number; total?: number };
}

export interface NetworkSummary {
  Id: string;
  Name: string;
  Driver: string;
  Scope: string;
  Created: string;
  Internal: boolean;
  Attachable: boolean;
  Labels: Record<string, string> | null;
  IPAM?: { Config?: Array<{ Subnet?: string; Gateway?: string }> | null };
  Containers?: Record<string, { Name: string }> | null;
}

export interface NetworkCreateBody {
  Name: string;
  /** Engines before API 1.44 create a second network of the same name unless asked to check. */
  CheckDuplicate?: boolean;
  Driver?: string;
  Internal?: boolean;
  Attachable?: boolean;
  Labels?: Record<string, string>;
  IPAM?: { Config?: Array<{ Subnet?: string; Gateway?: string }> };
}

export interface VolumeSummary {
  Name: string;
  Driver: string;
  Mountpoint: string;
  CreatedAt?: string;
  Labels: Record<string, string> | null;
  Scope: string;
  Options?: Record<string, string> | null;
}

export interface VolumeCreateBody {
  Name?: string;
  Driver?: string;
  Labels?: Record<string, string>;
  DriverOpts?: Record<string, string>;
}

/** One message of the engine's event stream. */
export interface EngineEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  scope?: string;
  time: number;
  timeNano: number;
  /**
   * `timeNano` exactly, as decimal digits. The number loses its last digits to float rounding,
   * which matters when the value is sent back as `since`. Set by `HttpDockerEngine`.
   */
  timeNanoText?: string;
}
