using MlDeploy.Aws;
using MlDeploy.Hosting;
using MlPlatform.Composition.Models;

return DeployApp.Run(args, ModelTeam.Define, AwsTargets.All);
