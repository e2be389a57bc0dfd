using MlDeploy.Aws;
using MlDeploy.Hosting;
using MlPlatform.Stacks;

return DeployApp.Run(args, ModelPlatform.Define, AwsTargets.All);
