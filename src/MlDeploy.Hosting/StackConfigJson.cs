using System.Text.Json.Serialization;

namespace MlDeploy.Hosting;

/// <summary>Source-generated JSON metadata, so reading config needs no reflection at start-up.</summary>
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class StackConfigJson : JsonSerializerContext;
