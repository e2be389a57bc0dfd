// The policy pack program: every AWS Guard policy with awsguard's own defaults (no arguments),
// as its README tells a user to write it. policies.mjs starts this with
// `node @pulumi/pulumi/cmd/run-policy-pack <engine-address> <this directory>`, reads the analyzer's port
// from stdout and acts as the Pulumi engine over gRPC.
"use strict";
const { AwsGuard } = require("@pulumi/awsguard");
new AwsGuard();
