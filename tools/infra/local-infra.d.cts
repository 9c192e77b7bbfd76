// Types for tools/infra/local-infra.cjs (plain CommonJS, used by npm start/test, Jest globalSetup and tests).

export type InfraLog = (message: string) => void;
export type InfraSource = 'external' | 'containers' | 'local';
export type TopicSpec = string | { topic: string; numPartitions?: number; replicationFactor?: number; configEntries?: Array<{ name: string; value: string }> };

export declare class InfraError extends Error {
  constructor(message: string, code: string, cause?: unknown);
  /** e.g. INFRA_JAVA_MISSING, INFRA_MAVEN_MISSING, INFRA_NO_KAFKA, INFRA_KAFKA_PORT_IN_USE, INFRA_PG_START, INFRA_TIMEOUT */
  code: string;
  /** kafka.sh output other than the one-line error, when any */
  detail?: string;
}

export interface EnsureInfraOptions {
  purpose?: 'start' | 'test' | 'bench';
  log?: InfraLog;
  topics?: TopicSpec[];
  env?: NodeJS.ProcessEnv;
}

export interface Infra {
  kafkaBrokers: string;
  databaseUrl: string;
  mode: { kafka: InfraSource; postgres: InfraSource };
  /** Stops only what this call started. */
  stop(): Promise<void>;
}

export declare function ensureInfra(options?: EnsureInfraOptions): Promise<Infra>;

export interface LocalKafka {
  brokers: string;
  port: number;
  dir: string;
  /** false when a running broker was reused (then stop() does nothing) */
  started: boolean;
  stop(): Promise<void>;
}

export declare function startLocalKafka(options?: {
  dir?: string;
  port?: number;
  controllerPort?: number;
  timeoutMs?: number;
  log?: InfraLog;
}): Promise<LocalKafka>;

export declare function stopLocalKafka(options?: { dir?: string; port?: number; controllerPort?: number; log?: InfraLog }): Promise<void>;

export interface LocalPostgres {
  url: string;
  port: number;
  dataDir: string;
  started: boolean;
  stop(): Promise<void>;
}

export declare function startLocalPostgres(options?: {
  dir?: string;
  port?: number;
  ephemeral?: boolean;
  /** with ephemeral: fsync and synchronous_commit stay on (benchmarks) */
  durable?: boolean;
  timeoutMs?: number;
  log?: InfraLog;
}): Promise<LocalPostgres>;

export declare function stopLocalPostgres(options?: { dir?: string; log?: InfraLog }): Promise<boolean>;

export declare function waitForKafka(
  brokers: string | string[],
  timeoutMs?: number,
): Promise<{ brokers: Array<{ nodeId: number; host: string; port: number }>; controller: number | null; clusterId: string }>;

export declare function waitForPostgres(url: string, timeoutMs?: number): Promise<void>;

/** Creates the missing topics, waits for leaders of all; returns the names it created. */
export declare function createTopics(brokers: string | string[], topics: TopicSpec[], options?: { timeoutMs?: number; log?: InfraLog }): Promise<string[]>;

export declare function brokerList(brokers: string | string[]): string[];

export declare function postgresUrl(port: number, options?: { user?: string; password?: string; database?: string; host?: string }): string;

export declare function containerRuntimeAvailable(options?: { timeoutMs?: number }): Promise<boolean>;

export declare function startContainerInfra(options?: {
  kafka?: boolean;
  postgres?: boolean;
  log?: InfraLog;
}): Promise<{ kafkaBrokers?: string; databaseUrl?: string; stop(): Promise<void> }>;
