namespace MlDeploy.Model;

/// <summary>How a new version replaces the old one, with automatic rollback on the deployment's alarms.</summary>
public sealed record Rollout
{
    /// <summary>Gets the strategy.</summary>
    public RolloutStrategy Strategy { get; init; } = RolloutStrategy.Canary;

    /// <summary>Gets the share of capacity that takes traffic first (canary) or per step (linear), in percent.</summary>
    public int TrafficPercent { get; init; } = 10;

    /// <summary>Gets how long each step bakes while alarms are watched before traffic moves on.</summary>
    public TimeSpan BakeTime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets a value indicating whether a firing alarm rolls the deployment back.</summary>
    public bool AutoRollback { get; init; } = true;
}

/// <summary>Rollout strategies.</summary>
public enum RolloutStrategy
{
    /// <summary>Replace instances in batches.</summary>
    Rolling,

    /// <summary>Bring up a full new fleet, shift all traffic at once after baking.</summary>
    BlueGreen,

    /// <summary>Shift a small share first, then the rest after baking.</summary>
    Canary,

    /// <summary>Shift traffic in equal steps, baking between steps.</summary>
    Linear,
}
