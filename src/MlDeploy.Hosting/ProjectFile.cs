using MlDeploy.Validation;
using YamlDotNet.RepresentationModel;

namespace MlDeploy.Hosting;

/// <summary>Reads Pulumi.yaml: the project's name and where its stack config files are.</summary>
internal static class ProjectFile
{
    /// <summary>Reads the file.</summary>
    /// <param name="root">The folder holding it.</param>
    /// <param name="file">Its full path.</param>
    /// <param name="display">How messages name it.</param>
    /// <returns>The project.</returns>
    /// <exception cref="InvalidInputException">The file is malformed, has no usable name or an unusable stackConfigDir.</exception>
    public static ProjectFiles Read(string root, string file, string display)
    {
        var project = YamlFile.Load(file, display)
            ?? throw new InvalidInputException(new Diagnostic($"{display}:1", "is empty", "add `name: <project>`"));
        var nameNode = Setting(project, "name")
            ?? throw new InvalidInputException(new Diagnostic($"{display}:{project.Start.Line}", "has no 'name'", "add `name: <project>`"));
        var name = Text(display, "name", nameNode);
        if (!Names.IsValid(name))
        {
            throw new InvalidInputException(YamlFile.At(display, nameNode, $"'{name}' is not a valid project name", Names.Rule));
        }

        var configDir = Setting(project, "stackConfigDir") is { } dirNode ? Text(display, "stackConfigDir", dirNode) : ".";
        try
        {
            return new ProjectFiles(root, name, Path.GetFullPath(Path.Combine(root, configDir)));
        }
        catch (ArgumentException)
        {
            // A NUL character, say: the runtime refuses the path before any file system call.
            throw new InvalidInputException(YamlFile.At(display, Setting(project, "stackConfigDir")!, "stackConfigDir is not a usable folder path", "give a folder relative to Pulumi.yaml, e.g. `stackConfigDir: stacks`"));
        }
    }

    private static YamlNode? Setting(YamlMappingNode project, string key) =>
        project.Children.TryGetValue(new YamlScalarNode(key), out var value) && !YamlFile.IsNull(value) ? value : null;

    private static string Text(string display, string key, YamlNode node) =>
        node is YamlScalarNode { Value: { } text }
            ? text
            : throw new InvalidInputException(YamlFile.At(display, node, $"{key} is {YamlFile.Shape(node)}, but a single value is expected", $"write `{key}: <value>` on one line"));
}
