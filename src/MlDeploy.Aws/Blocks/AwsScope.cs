using MlDeploy.Graph;
using MlDeploy.Model;
using MlDeploy.Targets;

namespace MlDeploy.Aws.Blocks;

/// <summary>One deployment's view of the graph: adds resources under <c>&lt;deployment&gt;-&lt;part&gt;</c> names with the deployment's tags.</summary>
internal sealed class AwsScope
{
    public AwsScope(ModelDeployment deployment, PlanContext context)
    {
        Deployment = deployment;
        Context = context;
        Account = AwsAccount.In(context.Graph);
        Tags = Value.SortedMap(deployment.Tags
            .Concat([
                new("mldeploy:deployment", deployment.Name),
                new("mldeploy:project", context.Project),
                new("mldeploy:stack", context.Stack),
            ])
            .DistinctBy(t => t.Key, StringComparer.Ordinal));
    }

    public ModelDeployment Deployment { get; }

    public PlanContext Context { get; }

    public AwsAccount Account { get; }

    public MapValue Tags { get; }

    public string Name => Deployment.Name;

    public Resource Add(string part, ResourceType type, MapValue properties, ResourceOptions? options = null) =>
        Context.Graph.Add(new Resource($"{Deployment.Name}-{part}", type, properties, options, Deployment.Name));

    public Invoke Invoke(string part, ResourceType function, MapValue arguments) =>
        Context.Graph.Add(new Invoke($"{Deployment.Name}-{part}", function, arguments, Deployment.Name));

    public void Output(string part, Value value) =>
        Context.Graph.Output(new StackOutput($"{Deployment.Name}-{part}", value, Deployment.Name));

    /// <summary>A provider-visible name derived from project, stack and deployment, cut to the limit with a stable hash.</summary>
    public string PhysicalName(int maxLength, params string[] suffix) =>
        Naming.PhysicalName.Create(maxLength, [Context.Project, Context.Stack, Deployment.Name, .. suffix]);

    public void Note(string concept, Fidelity fidelity, string text) => Context.Note(Deployment.Name, concept, fidelity, text);
}
