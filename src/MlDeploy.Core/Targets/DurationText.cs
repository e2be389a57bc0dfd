namespace MlDeploy.Targets;

/// <summary>A duration as people read platform limits: whole hours, else whole minutes, else seconds.</summary>
internal static class DurationText
{
    public static string Of(TimeSpan t)
    {
        var seconds = (long)t.TotalSeconds;
        return seconds % 3600 == 0 ? $"{seconds / 3600} h" : seconds % 60 == 0 ? $"{seconds / 60} min" : $"{seconds} s";
    }
}
