// @ts-check
/**
 * `npm test`'s type check and lint in one process: the same checks as `npm run typecheck`
 * (`tsc --noEmit`) and `eslint .`, on one TypeScript program.
 *
 * Both build a program of the whole project, and most of the cost of either is building it:
 * `@pulumi/azure-native`'s typings alone are about 420,000 lines, and parsing and binding took
 * 3.3 s of tsc's 6.5 s; ESLint's type-aware rules spent 6.5 s building their own program before
 * linting the first file (measured on the 2-core machine; README, Development). So the
 * program is built once, type-checked, and handed to typescript-eslint through
 * `parserOptions.programs` ("an array of one or more instances of a TypeScript Program object
 * that will provide type information to rules"; every linted file must be in it, which
 * typescript-eslint enforces) instead of its project service, with eslint.config.mjs's rules.
 */
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import ts from "typescript";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const color = process.stdout.isTTY === true || Boolean(process.env.FORCE_COLOR);

/** The project's program, as `tsc --noEmit` builds it from tsconfig.json. */
function projectProgram() {
    const parsed = ts.getParsedCommandLineOfConfigFile(
        path.join(root, "tsconfig.json"),
        {},
        {
            ...ts.sys,
            onUnRecoverableConfigFileDiagnostic: (d) => {
                throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
            },
        },
    );
    if (parsed === undefined) {
        throw new Error("tsconfig.json could not be read");
    }
    const program = ts.createProgram({
        rootNames: parsed.fileNames,
        options: { ...parsed.options, noEmit: true },
        projectReferences: parsed.projectReferences,
    });
    return { program, configErrors: parsed.errors };
}

const { program, configErrors } = projectProgram();
const diagnostics = [...configErrors, ...ts.getPreEmitDiagnostics(program)];
const host = {
    getCanonicalFileName: (/** @type {string} */ f) => f,
    getCurrentDirectory: () => root,
    getNewLine: () => "\n",
};
if (diagnostics.length > 0) {
    const format = color ? ts.formatDiagnosticsWithColorAndContext : ts.formatDiagnostics;
    process.stdout.write(format(diagnostics, host));
    process.stdout.write(`\nFound ${diagnostics.length} type error${diagnostics.length === 1 ? "" : "s"}.\n`);
}

const eslint = new ESLint({
    cwd: root,
    overrideConfig: { languageOptions: { parserOptions: { projectService: false, programs: [program] } } },
});
const results = await eslint.lintFiles(["."]);
const report = await (await eslint.loadFormatter("stylish")).format(results);
process.stdout.write(report);
const lintErrors = results.reduce((sum, r) => sum + r.errorCount, 0);

process.exitCode = diagnostics.length > 0 || lintErrors > 0 ? 1 : 0;
