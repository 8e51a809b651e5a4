/**
 * `npm run bench:graph [-- --creates N ...]`: GroupLicense creates at once through Pulumi's real
 * dynamic-provider host against a throttling loopback Graph (see loopback/benchGraph.ts and README,
 * "Licensing"). A benchmark, not part of `npm test`; it fails when a create failed.
 */
import { formatGraphBenchTable, graphBenchOptionsFrom, runGraphBench } from "../loopback/benchGraph";

async function main(): Promise<void> {
    const options = graphBenchOptionsFrom(process.argv.slice(2));
    const result = await runGraphBench(options, (line) => process.stderr.write(`${line}\n`));
    process.stdout.write(formatGraphBenchTable([result], options));
    if (result.failures > 0) {
        throw new Error(`${result.failures} of ${result.creates} creates failed; the first: ${result.firstFailure}`);
    }
}

main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
});
