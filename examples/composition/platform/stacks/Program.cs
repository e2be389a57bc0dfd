using MlDeploy.Aws;
using MlDeploy.Hosting;
using MlPlatform.Composition.Base;

return DeployApp.Run(args, BasePlatform.Define, AwsTargets.All);
