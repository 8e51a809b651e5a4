/**
 * `npm run test:pester`: restores PowerShell and Pester from NuGet into NuGet's global packages
 * folder when missing and runs the Pester suite of the PowerShell module (see powershell/toolchain.ts).
 */
import * as path from "node:path";
import { runPesterStep } from "../powershell/toolchain";

process.exitCode = runPesterStep({ root: path.join(__dirname, ".."), env: process.env });
