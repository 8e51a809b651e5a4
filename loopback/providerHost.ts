/**
 * Pulumi's real dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`), started the way the
 * engine starts it (a child process in the project directory, given an engine address it never
 * dials, printing the port it serves gRPC on), and driven over gRPC with the SDK's own stubs
 * (`@pulumi/pulumi/proto`, with the `@grpc/grpc-js` and `google-protobuf` the SDK itself depends on):
 * Configure, Check, Create, Read, Diff, Update and Delete.
 *
 * A create or update the host reports as a partial failure (`ErrorResourceInitFailed` in the
 * status details, as `grpcResponseFromError` packs it) comes back as a {@link HostError} whose
 * `partial` holds what the engine would record.
 */
import { ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";

/** The project directory, where the engine starts the host. */
export const PROJECT_DIRECTORY = path.join(__dirname, "..");

type Props = Record<string, unknown>;

/** What the engine records for a resource a partial failure created or updated. */
export interface PartialFailure {
    readonly id: string;
    readonly properties: Props;
    readonly reasons: readonly string[];
}

/** A failed call: the host's message, and for a partial failure what the engine would record. */
export class HostError extends Error {
    constructor(
        message: string,
        readonly partial?: PartialFailure,
    ) {
        super(message);
        this.name = "HostError";
    }
}

/** A Diff's answer. */
export interface HostDiff {
    readonly changes: "some" | "none" | "unknown";
    readonly replaces: readonly string[];
    readonly deleteBeforeReplace: boolean;
}

function struct(value: Props): structproto.Struct {
    // The engine never sends undefined; JSON drops it the same way.
    return structproto.Struct.fromJavaScript(JSON.parse(JSON.stringify(value)));
}

function plain(value: structproto.Struct | undefined): Props {
    return (value?.toJavaScript() ?? {}) as Props;
}

function partialFrom(error: grpc.ServiceError): PartialFailure | undefined {
    const [details] = error.metadata?.get("grpc-status-details-bin") ?? [];
    if (!details) {
        return undefined;
    }
    const status = statusproto.Status.deserializeBinary(new Uint8Array(details as Buffer));
    for (const any of status.getDetailsList()) {
        if (any.getTypeName() === "pulumirpc.ErrorResourceInitFailed") {
            const failed = provproto.ErrorResourceInitFailed.deserializeBinary(any.getValue_asU8());
            return { id: failed.getId(), properties: plain(failed.getProperties()), reasons: failed.getReasonsList() };
        }
    }
    return undefined;
}

/** A running host and a gRPC client connected to it. */
export class ProviderHost {
    /** Everything the host wrote to stderr, line by line: what the engine would show. */
    readonly stderr: string[] = [];

    private constructor(
        private readonly child: ChildProcess,
        private readonly client: provrpc.ResourceProviderClient,
    ) {
        let pending = "";
        child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
            const lines = (pending + chunk).split("\n");
            pending = lines.pop() ?? "";
            this.stderr.push(...lines);
        });
    }

    /**
     * Starts the host in the project directory with `env` added to this process's environment,
     * waits for its port, and connects. `nodeFlags` go to Node before the host's script, as
     * `node --no-opt` would take them: flags of the JavaScript engine, which change how fast the
     * host runs, never what it does.
     */
    static async start(env: Record<string, string> = {}, nodeFlags: readonly string[] = []): Promise<ProviderHost> {
        const script = require.resolve("@pulumi/pulumi/cmd/dynamic-provider");
        const child = spawn(process.execPath, [...nodeFlags, script, "127.0.0.1:1"], {
            cwd: PROJECT_DIRECTORY,
            env: { ...process.env, ...env },
            stdio: ["ignore", "pipe", "pipe"],
        });
        const port = await new Promise<string>((resolve, reject) => {
            let out = "";
            child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
                out += chunk;
                if (out.includes("\n")) {
                    resolve(out.split("\n")[0].trim());
                }
            });
            child.once("exit", (code) => reject(new Error(`the dynamic-provider host exited with code ${code}`)));
            child.once("error", reject);
        });
        // Should this process end without stop() (a crash, a forced exit), the host must not outlive it.
        const orphaned = () => child.kill();
        process.once("exit", orphaned);
        child.once("exit", () => process.removeListener("exit", orphaned));
        const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
            "grpc.max_receive_message_length": 64 * 1024 * 1024,
        });
        return new ProviderHost(child, client);
    }

    /** The host's SDK version, which proves the connection. */
    version(): Promise<string> {
        return this.call<{ getVersion(): string }>((cb) => this.client.getPluginInfo(new emptyproto.Empty(), cb)).then(
            (r) => r.getVersion(),
        );
    }

    /** Configure, as the engine sends it: the stack's config, keys with their namespace. */
    async configure(config: Record<string, string> = {}): Promise<void> {
        const req = new provproto.ConfigureRequest();
        req.setArgs(struct(config));
        for (const [k, v] of Object.entries(config)) {
            req.getVariablesMap().set(k, v);
        }
        await this.call((cb) => this.client.configure(req, cb));
    }

    async check(urn: string, olds: Props, news: Props): Promise<Props> {
        const req = new provproto.CheckRequest();
        req.setUrn(urn);
        req.setOlds(struct(olds));
        req.setNews(struct(news));
        const resp = await this.call<provproto.CheckResponse>((cb) => this.client.check(req, cb));
        const failures = resp.getFailuresList().map((f) => `${f.getProperty()}: ${f.getReason()}`);
        if (failures.length > 0) {
            throw new HostError(`check failed: ${failures.join("; ")}`);
        }
        return plain(resp.getInputs());
    }

    async create(urn: string, properties: Props): Promise<{ id: string; properties: Props }> {
        const req = new provproto.CreateRequest();
        req.setUrn(urn);
        req.setProperties(struct(properties));
        const resp = await this.call<provproto.CreateResponse>((cb) => this.client.create(req, cb));
        return { id: resp.getId(), properties: plain(resp.getProperties()) };
    }

    async read(id: string, urn: string, properties: Props, inputs?: Props): Promise<{ id: string; properties: Props }> {
        const req = new provproto.ReadRequest();
        req.setId(id);
        req.setUrn(urn);
        req.setProperties(struct(properties));
        if (inputs) {
            req.setInputs(struct(inputs));
        }
        const resp = await this.call<provproto.ReadResponse>((cb) => this.client.read(req, cb));
        return { id: resp.getId(), properties: plain(resp.getProperties()) };
    }

    async diff(id: string, urn: string, olds: Props, news: Props): Promise<HostDiff> {
        const req = new provproto.DiffRequest();
        req.setId(id);
        req.setUrn(urn);
        req.setOlds(struct(olds));
        req.setNews(struct(news));
        const resp = await this.call<provproto.DiffResponse>((cb) => this.client.diff(req, cb));
        const changes = resp.getChanges();
        const C = provproto.DiffResponse.DiffChanges;
        return {
            changes: changes === C.DIFF_SOME ? "some" : changes === C.DIFF_NONE ? "none" : "unknown",
            replaces: resp.getReplacesList(),
            deleteBeforeReplace: resp.getDeletebeforereplace(),
        };
    }

    async update(id: string, urn: string, olds: Props, news: Props): Promise<{ properties: Props }> {
        const req = new provproto.UpdateRequest();
        req.setId(id);
        req.setUrn(urn);
        req.setOlds(struct(olds));
        req.setNews(struct(news));
        const resp = await this.call<provproto.UpdateResponse>((cb) => this.client.update(req, cb));
        return { properties: plain(resp.getProperties()) };
    }

    async delete(id: string, urn: string, properties: Props): Promise<void> {
        const req = new provproto.DeleteRequest();
        req.setId(id);
        req.setUrn(urn);
        req.setProperties(struct(properties));
        await this.call((cb) => this.client.delete(req, cb));
    }

    /** Closes the connection and ends the host process. */
    async stop(): Promise<void> {
        this.client.close();
        if (this.child.exitCode === null) {
            const exited = new Promise((resolve) => this.child.once("exit", resolve));
            this.child.kill();
            await exited;
        }
    }

    private call<T>(start: (cb: (err: grpc.ServiceError | null, resp?: T) => void) => unknown): Promise<T> {
        return new Promise((resolve, reject) =>
            start((err, resp) =>
                err ? reject(new HostError(err.details || err.message, partialFrom(err))) : resolve(resp as T),
            ),
        );
    }
}
