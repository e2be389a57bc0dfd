using MlDeploy.Model;

namespace MlDeploy.Validation;

/// <summary>The cloud-neutral rules of shared components: <see cref="Platform.Components"/> and the shared images deployments name.</summary>
public static partial class DeploymentValidator
{
    // Each component once, at components[<name>]; its pack's planner checks what Core cannot know (Synthesizer.Validate).
    private static IEnumerable<Diagnostic> ValidateComponents(Platform platform, ValidationContext context)
    {
        var byName = new Dictionary<string, IPlatformComponent>(StringComparer.Ordinal);
        foreach (var (component, i) in platform.Components.Select((c, i) => (c, i)))
        {
            if (component is null)
            {
                yield return new Diagnostic($"components[{i}]", "is null", "remove the entry, or give a component such as ImageSource.Shared(...)");
                continue;
            }

            if (string.IsNullOrEmpty(component.Name))
            {
                yield return new Diagnostic($"components[{i}]", $"the {component.GetType().Name} has no name", "name the component: diagnostics, resources and outputs are named after it");
                continue;
            }

            var path = DeploymentPath.OfComponent(component.Name);
            if (byName.TryGetValue(component.Name, out var earlier))
            {
                // The same component listed twice is harmless; two different ones would share every diagnostic path and output name.
                if (!Equals(earlier, component))
                {
                    yield return new Diagnostic(path.Root, $"the name '{component.Name}' is used by more than one component ({earlier.GetType().Name} and {component.GetType().Name})", "give each component its own name");
                }

                continue;
            }

            byName.Add(component.Name, component);
            var problems = component switch
            {
                SharedImage shared => ValidateSharedImage(shared, path, context),
                EncryptionKey key => ValidateEncryptionKey(key, path),
                AlertChannel channel => ValidateAlertChannel(channel, path, platform),
                _ => [],
            };
            foreach (var problem in problems)
            {
                yield return problem;
            }
        }
    }

    // `at` is the image itself: a deployment's `image`, or `components[<name>]`.
    private static IEnumerable<Diagnostic> ValidateSharedImage(SharedImage shared, DeploymentPath at, ValidationContext context)
    {
        if (string.IsNullOrEmpty(shared.Name) || shared.Name.Length > MaxNameLength || !DnsLabel().IsMatch(shared.Name))
        {
            yield return at.Error("name", $"'{shared.Name}' is not a valid shared image name", $"use 1-{MaxNameLength} lowercase letters, digits and '-', starting with a letter and ending with a letter or digit");
        }

        if (shared.KeepImages is < 1 or > Limits.MaxKeptImages)
        {
            yield return at.Error("keepImages", $"{shared.KeepImages} is outside 1-{Limits.MaxKeptImages}", "keep at least 1 image to roll back to (30 is the default)");
        }

        if (shared.Definition is null)
        {
            yield return at.Error("definition", "is missing", "give the build, e.g. ImageSource.Shared(\"scorer\", \"images/scorer\", tag)");
            yield break;
        }

        foreach (var problem in ValidateBuild(shared.Definition, "definition", at, context))
        {
            yield return problem;
        }
    }

    // A shared image is one component: every deployment naming it must describe the same build as the component list
    // and the other deployments, or the program would have to pick one of them silently.
    private static IEnumerable<Diagnostic> ValidateSharedImages(Platform platform)
    {
        var first = new Dictionary<string, (string DeclaredBy, SharedImage Image)>(StringComparer.Ordinal);
        foreach (var declared in platform.Components.OfType<SharedImage>().Where(s => s.Name is not null))
        {
            first.TryAdd(declared.Name, (DeploymentPath.OfComponent(declared.Name).Root, declared));
        }

        foreach (var d in platform.Deployments)
        {
            if (d.Image is not SharedImage { Name: { } name } image)
            {
                continue;
            }

            if (!first.TryGetValue(name, out var earlier))
            {
                first.Add(name, ($"deployment '{d.Name}'", image));
            }
            else if (earlier.Image != image)
            {
                yield return DeploymentPath.Of(d.Name).Error(
                    "image",
                    $"shared image '{name}' is declared with other settings than in {earlier.DeclaredBy}",
                    "declare the shared image once and pass the same object to every deployment, or give the two images different names");
            }
        }
    }
}
