using System.Text.Json.Serialization;

namespace MlDeploy.Tests.Hosting.Config;

/// <summary>
/// Per-deployment settings a stack program might keep in one structured config value. Defaults are constructor
/// parameter defaults: the source generator sets every init-only property, so a property initializer would be lost.
/// </summary>
internal sealed record DeploymentSettings(string Image, int MinReplicas = 1, decimal Cpu = 2, bool Public = false, IReadOnlyList<string>? Zones = null);

/// <summary>The source-generated metadata, with the options a stack program should use (camelCase keys, misspelt keys refused, parameters without a default required).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(Dictionary<string, DeploymentSettings>))]
[JsonSerializable(typeof(List<DeploymentSettings>))]
[JsonSerializable(typeof(int))]
internal sealed partial class SettingsJson : JsonSerializerContext;
