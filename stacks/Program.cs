using MlDeploy.Aws;
using MlDeploy.Azure;
using MlDeploy.Gcp;
using MlDeploy.Hosting;
using MlPlatform.Stacks;

return DeployApp.Run(args, ModelPlatform.Define, AwsTargets.All, AzureTargets.All, GcpTargets.All);
