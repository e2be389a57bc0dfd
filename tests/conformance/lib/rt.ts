// Typed helpers used by the TypeScript that check.mjs generates from Pulumi YAML.
// Every helper is strictly typed (no `any`), so tsc still checks what flows in and out;
// at run time they tolerate the `undefined` values that mocks return for outputs.
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as crypto from "crypto";

/** `${res.prop}`: YAML lets an optional output feed any input; drop `undefined` from the type. */
export function nn<T>(o: pulumi.Output<T>): pulumi.Output<NonNullable<T>> {
  return o.apply((v) => v!);
}

/** fn::join: [sep, [items]] */
export function join(sep: pulumi.Input<string>, items: pulumi.Input<pulumi.Input<string>[]>): pulumi.Output<string> {
  return pulumi.all([pulumi.output(sep), pulumi.output(items)]).apply(([s, xs]) => (xs ?? []).join(s ?? ""));
}

/** fn::split: [sep, str] */
export function split(sep: pulumi.Input<string>, s: pulumi.Input<string>): pulumi.Output<string[]> {
  return pulumi.all([pulumi.output(sep), pulumi.output(s)]).apply(([p, x]) => (x ?? "").split(p ?? ""));
}

/** fn::length: list, map or string */
export function length<T extends object | string>(x: pulumi.Input<T>): pulumi.Output<number> {
  return pulumi.output(x).apply((v) => {
    if (v === undefined || v === null) return 0;
    if (typeof v === "string" || Array.isArray(v)) return v.length;
    return Object.keys(v).length;
  });
}

/** fn::toBase64 */
export function toBase64(s: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.output(s).apply((v) => Buffer.from(v ?? "", "utf8").toString("base64"));
}

/** fn::fromBase64 */
export function fromBase64(s: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.output(s).apply((v) => Buffer.from(v ?? "", "base64").toString("utf8"));
}

/** fn::sha1 */
export function sha1(s: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.output(s).apply((v) => crypto.createHash("sha1").update(v ?? "").digest("hex"));
}

/** fn::readFile (path already resolved against the program's directory) */
export function readFile(path: string): string {
  return fs.readFileSync(path, "utf8");
}

/** fn::fileBase64 */
export function fileBase64(path: string): string {
  return fs.readFileSync(path).toString("base64");
}

/** fn::fileBase64Sha256 */
export function fileBase64Sha256(path: string): string {
  return crypto.createHash("sha256").update(fs.readFileSync(path)).digest("base64");
}
