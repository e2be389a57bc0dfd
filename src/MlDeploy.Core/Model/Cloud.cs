namespace MlDeploy.Model;

/// <summary>The cloud a target or an artifact belongs to.</summary>
public enum Cloud
{
    /// <summary>Amazon Web Services.</summary>
    Aws,

    /// <summary>Microsoft Azure.</summary>
    Azure,

    /// <summary>Google Cloud.</summary>
    Google,
}
