using System.Reflection;
using System.Text.RegularExpressions;
using MlDeploy.Model;
using MlDeploy.Tests.Support;

namespace MlDeploy.Tests.Architecture;

public partial class ArchitectureTests
{
    [Fact]
    public void ModelTypes_AreImmutableRecordsOrEnums()
    {
        var modelTypes = typeof(ModelDeployment).Assembly.GetExportedTypes().Where(t => t.Namespace == "MlDeploy.Model").ToList();

        Assert.NotEmpty(modelTypes);
        Assert.All(modelTypes, t =>
        {
            var isRecord = t.GetMethod("<Clone>$") is not null;
            var isReadOnlyRecordStruct = t.IsValueType && t.IsDefined(typeof(System.Runtime.CompilerServices.IsReadOnlyAttribute), false)
                && t.GetMethod("PrintMembers", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance) is not null;
            // Interfaces carry no state: they are the callback contracts the model hands to stack programs (IResourceCustomizer).
            Assert.True(t.IsEnum || t.IsInterface || isReadOnlyRecordStruct || (isRecord && (t.IsSealed || t.IsAbstract)), $"{t.Name} must be a sealed or abstract record, a readonly record struct, an interface, or an enum");
            Assert.All(
                t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }),
                p => Assert.True(p.SetMethod!.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit)), $"{t.Name}.{p.Name} must be init-only"));
        });
    }

    [Fact]
    public void Model_DoesNotDependOnPlannersOrWriters()
    {
        var modelTypes = typeof(ModelDeployment).Assembly.GetExportedTypes().Where(t => t.Namespace == "MlDeploy.Model");
        var referenced = modelTypes
            .SelectMany(t => t.GetProperties().Select(p => p.PropertyType).Concat(t.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.ParameterType)))
            .Select(t => t.Namespace ?? string.Empty);

        Assert.DoesNotContain(referenced, ns => ns.StartsWith("MlDeploy.", StringComparison.Ordinal) && ns != "MlDeploy.Model");
    }

    [Fact]
    public void Sources_UseNoClockRandomnessOrMachineState()
    {
        var offenders = Directory.EnumerateFiles(Repo.PathOf("src"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(Repo.Root, f), Line: i + 1, Text: line)))
            .Where(l => Banned().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.Empty(offenders);
    }

    [GeneratedRegex(@"DateTime(Offset)?\.(Now|UtcNow|Today)|Guid\.NewGuid|new Random\(|Random\.Shared|Environment\.MachineName")]
    private static partial Regex Banned();
}
