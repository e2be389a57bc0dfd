using System.Globalization;
using System.Text.RegularExpressions;
using MlDeploy.Model;
using MlDeploy.Validation;

namespace MlDeploy.Aws.Ecs;

/// <summary>
/// What a deployment in a <see cref="FargateServiceGroup"/> must agree on with the group and with the group's other
/// deployments: the group's own settings (checked on the deployment that declares it first), one declaration per
/// group, the route's ALB limits, and no two routes at one priority or on the same hosts and paths.
/// </summary>
internal static partial class FargateGroupValidator
{
    /// <summary>Listener rule priorities (Elastic Load Balancing API Reference, CreateRule: "Priority", 1-50000).</summary>
    public const int MaxPriority = 50_000;

    /// <summary>Longest path pattern or host name (ELB User Guide, "Condition types for listener rules").</summary>
    public const int MaxConditionValueLength = 128;

    /// <summary>Values one condition may compare ("up to three match evaluations per condition", same page).</summary>
    public const int MaxValuesPerCondition = 3;

    /// <summary>Values one rule may compare in all ("up to five match evaluations per rule", same page).</summary>
    public const int MaxValuesPerRule = 5;

    public static IEnumerable<Diagnostic> Validate(ModelDeployment d, FargateTarget t, DeploymentPath p, Platform platform)
    {
        if (t.Group is not { } g)
        {
            if (t.Route is not null)
            {
                yield return p.Error("target.route", "a route needs a service group: without one the deployment has a load balancer of its own", "set Group to the FargateServiceGroup whose load balancer serves it, or remove Route");
            }

            yield break;
        }

        foreach (var problem in SettingsOfTheGroup(t, g, p))
        {
            yield return problem;
        }

        if (t.VpcId != g.VpcId)
        {
            yield return p.Error("target.vpcId", $"'{t.VpcId}' is not the VPC of service group '{g.Name}' ({g.VpcId})", "the target groups must be in the load balancer's VPC: use the group's VpcId");
        }

        if (d.Network.Exposure != g.Exposure)
        {
            yield return p.Error("network.exposure", $"the deployment is {Describe(d.Network.Exposure)} but service group '{g.Name}' is {Describe(g.Exposure)}", $"set Network.Exposure = Exposure.{g.Exposure}, or use a group with the deployment's exposure");
        }

        var earlier = Earlier(d, g.Name, platform);
        if (earlier.Count == 0)
        {
            // The group is planned from its own settings; they are checked once, on the deployment that declares it first.
            foreach (var problem in GroupSettings(g, p))
            {
                yield return problem;
            }
        }
        else if (earlier[0].Group != g)
        {
            yield return p.Error("target.group", $"service group '{g.Name}' is also declared by deployment '{earlier[0].Deployment.Name}', with other settings", "declare the group once and pass the same object to every deployment on it");
        }

        if (t.Route is not { } route)
        {
            yield return p.Error("target.route", $"a deployment in service group '{g.Name}' needs a route", "set Route = new FargateRoute { Priority = <1-50000>, PathPatterns = [\"/<deployment>/*\"] } (and/or HostHeaders)");
            yield break;
        }

        foreach (var problem in RouteLimits(d, route, p))
        {
            yield return problem;
        }

        foreach (var (other, _, otherRoute) in earlier)
        {
            if (otherRoute is null)
            {
                continue;
            }

            if (otherRoute.Priority == route.Priority)
            {
                yield return p.Error("target.route.priority", string.Create(CultureInfo.InvariantCulture, $"priority {route.Priority} is also the priority of deployment '{other.Name}' in service group '{g.Name}'"), "rule priorities are unique per listener: give one of the two another number (lower numbers are tried first)");
            }

            if (SameConditions(route, otherRoute))
            {
                yield return p.Error("target.route", $"routes the same hosts and paths as deployment '{other.Name}' in service group '{g.Name}', so one of them never receives a request", "give the two deployments different path patterns or host headers");
            }
        }
    }

    private static string Describe(Exposure exposure) => exposure == Exposure.Public ? "public" : "private";

    /// <summary>The deployments before <paramref name="d"/> in the platform that name the group, with their group and route.</summary>
    private static List<(ModelDeployment Deployment, FargateServiceGroup Group, FargateRoute? Route)> Earlier(ModelDeployment d, string group, Platform platform)
    {
        var found = new List<(ModelDeployment, FargateServiceGroup, FargateRoute?)>();
        foreach (var other in platform.Deployments)
        {
            if (ReferenceEquals(other, d) || other.Name == d.Name)
            {
                break;
            }

            if (other.Target is FargateTarget { Group: { } g } t && g.Name == group)
            {
                found.Add((other, g, t.Route));
            }
        }

        return found;
    }

    /// <summary>Load-balancer settings left on the target, where they would be ignored: the group's load balancer has its own.</summary>
    private static IEnumerable<Diagnostic> SettingsOfTheGroup(FargateTarget t, FargateServiceGroup g, DeploymentPath p)
    {
        (string Member, bool Set)[] settings =
        [
            ("LoadBalancerSubnetIds", !t.LoadBalancerSubnetIds.IsDefaultOrEmpty),
            ("IngressCidrs", !t.IngressCidrs.IsDefaultOrEmpty),
            ("CertificateArn", t.CertificateArn is not null),
            ("AccessLogsBucket", t.AccessLogsBucket is not null),
            ("IdleTimeoutSeconds", t.IdleTimeoutSeconds != 60),
            ("Authentication", t.Authentication is not null),
        ];
        foreach (var (member, set) in settings.Where(s => s.Set))
        {
            var groupMember = member == "LoadBalancerSubnetIds" ? "SubnetIds" : member;
            yield return p.Error($"target.{char.ToLowerInvariant(member[0])}{member[1..]}", $"is a load balancer setting, and the load balancer is service group '{g.Name}''s", $"remove it here and set FargateServiceGroup.{groupMember} (one value for every deployment of the group)");
        }
    }

    private static IEnumerable<Diagnostic> GroupSettings(FargateServiceGroup g, DeploymentPath p)
    {
        const string at = "target.group";
        var isPublic = g.Exposure == Exposure.Public;
        if (!GroupName().IsMatch(g.Name ?? string.Empty))
        {
            yield return p.Error($"{at}.name", $"'{g.Name}' is not a service group name", "use 1-32 lowercase letters, digits and '-', starting with a letter and ending with a letter or digit");
        }

        if (!FargateValidator.IsVpcId(g.VpcId))
        {
            yield return p.Error($"{at}.vpcId", $"'{g.VpcId}' is not a VPC id", "set VpcId to the existing VPC, e.g. vpc-0123456789abcdef0");
        }

        if (g.SubnetIds.IsDefaultOrEmpty || g.SubnetIds.Length < 2)
        {
            yield return p.Error($"{at}.subnetIds", $"an application load balancer needs at least 2 subnets in different availability zones, got {(g.SubnetIds.IsDefault ? 0 : g.SubnetIds.Length)}", isPublic ? "give public subnets in 2 or more zones (the tasks stay in each deployment's Network.SubnetIds)" : "give subnets in 2 or more zones");
        }

        if (isPublic && g.CertificateArn is null)
        {
            yield return p.Error($"{at}.certificateArn", "a public load balancer must serve HTTPS", "set CertificateArn to an ACM certificate ARN");
        }

        if (g.Authentication is { } oidc)
        {
            foreach (var problem in FargateValidator.ValidateOidc(oidc, g.CertificateArn, $"{at}.authentication", p))
            {
                yield return problem;
            }
        }

        foreach (var problem in FargateValidator.ValidateListener(g.CertificateArn, g.AccessLogsBucket, g.IdleTimeoutSeconds, g.IngressCidrs.IsDefault ? [] : g.IngressCidrs, isPublic, at, p))
        {
            yield return problem;
        }
    }

    private static IEnumerable<Diagnostic> RouteLimits(ModelDeployment d, FargateRoute route, DeploymentPath p)
    {
        var paths = route.PathPatterns.IsDefault ? [] : route.PathPatterns;
        var hosts = route.HostHeaders.IsDefault ? [] : route.HostHeaders;
        if (route.Priority is < 1 or > MaxPriority)
        {
            yield return p.Error("target.route.priority", string.Create(CultureInfo.InvariantCulture, $"{route.Priority} is outside the listener rule priorities 1-{MaxPriority}"), "give each deployment of the group its own priority (lower numbers are tried first)");
        }

        if (paths.IsEmpty && hosts.IsEmpty)
        {
            yield return p.Error("target.route", "the route has neither path patterns nor host headers, and a listener rule needs at least one condition", "set PathPatterns (e.g. [\"/<deployment>/*\"]) and/or HostHeaders");
        }

        foreach (var (member, values) in new[] { ("pathPatterns", paths), ("hostHeaders", hosts) })
        {
            if (values.Length > MaxValuesPerCondition)
            {
                yield return p.Error($"target.route.{member}", $"{values.Length} values, but an ALB condition compares at most {MaxValuesPerCondition}", "use wildcards (* and ?) to cover several values with one, or split the deployment's traffic differently");
            }
        }

        if (paths.Length + hosts.Length > MaxValuesPerRule && paths.Length <= MaxValuesPerCondition && hosts.Length <= MaxValuesPerCondition)
        {
            yield return p.Error("target.route", $"{paths.Length + hosts.Length} path patterns and host headers, but an ALB rule compares at most {MaxValuesPerRule} values in all", "use wildcards (* and ?) to cover several values with one");
        }

        for (var i = 0; i < paths.Length; i++)
        {
            if (PathProblem(paths[i]) is { } problem)
            {
                yield return p.Error($"target.route.pathPatterns[{i}]", $"'{paths[i]}' {problem}", "use a path starting with '/' of at most 128 characters: letters, digits, _ - . $ / ~ \" ' @ : + & and the wildcards * and ?");
            }
        }

        for (var i = 0; i < hosts.Length; i++)
        {
            if (HostProblem(hosts[i]) is { } problem)
            {
                yield return p.Error($"target.route.hostHeaders[{i}]", $"'{hosts[i]}' {problem}", "use a host name of at most 128 characters with at least one '.', letters only after the last '.': letters, digits, '-', '.' and the wildcards * and ?");
            }
        }

        // The load balancer forwards the path unchanged: a predict path outside the route would never reach the server.
        if (!paths.IsEmpty && paths.All(pattern => PathProblem(pattern) is null) && !paths.Any(pattern => Glob.Matches(pattern, d.Serving.PredictPath, ignoreCase: false)))
        {
            yield return p.Error("serving.predictPath", $"'{d.Serving.PredictPath}' is not matched by the route's path patterns ({string.Join(", ", paths)}), and the load balancer forwards paths unchanged", "serve under the route's prefix (e.g. /<deployment>/predict), or add the predict path to PathPatterns");
        }
    }

    private static string? PathProblem(string? pattern) =>
        string.IsNullOrEmpty(pattern) ? "is empty"
        : pattern.Length > MaxConditionValueLength ? string.Create(CultureInfo.InvariantCulture, $"has {pattern.Length} characters, more than the {MaxConditionValueLength} an ALB path pattern may have")
        : pattern[0] is not ('/' or '*') ? "does not start with '/', so it matches no request path"
        : !PathCharacters().IsMatch(pattern) ? "contains a character ALB path patterns do not allow"
        : null;

    private static string? HostProblem(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return "is empty";
        }

        if (host.Length > MaxConditionValueLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"has {host.Length} characters, more than the {MaxConditionValueLength} an ALB host condition may have");
        }

        if (!HostCharacters().IsMatch(host))
        {
            return "contains a character ALB host conditions do not allow";
        }

        var last = host.LastIndexOf('.');
        return last < 0 ? "has no '.'"
            : last == host.Length - 1 || !host[(last + 1)..].All(char.IsAsciiLetter) ? "does not end with letters after its last '.'"
            : null;
    }

    /// <summary>Whether two routes match exactly the same requests (paths compared case-sensitively, hosts not, as the ALB does).</summary>
    private static bool SameConditions(FargateRoute a, FargateRoute b) =>
        Set(a.PathPatterns, StringComparer.Ordinal).SetEquals(Set(b.PathPatterns, StringComparer.Ordinal))
        && Set(a.HostHeaders, StringComparer.OrdinalIgnoreCase).SetEquals(Set(b.HostHeaders, StringComparer.OrdinalIgnoreCase));

    private static HashSet<string> Set(System.Collections.Immutable.ImmutableArray<string> values, StringComparer comparer) =>
        values.IsDefault ? new HashSet<string>(comparer) : new HashSet<string>(values, comparer);

    [GeneratedRegex("^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$")]
    private static partial Regex GroupName();

    // ELB User Guide, "Condition types for listener rules", path conditions: A-Z, a-z, 0-9, _ - . $ / ~ " ' @ : + & * ?.
    [GeneratedRegex("^[A-Za-z0-9_.$/~\"'@:+&*?-]+$")]
    private static partial Regex PathCharacters();

    // Same page, host conditions: A-Z, a-z, 0-9, - . * ?.
    [GeneratedRegex("^[A-Za-z0-9.*?-]+$")]
    private static partial Regex HostCharacters();
}
